import type { Kysely } from 'kysely';
import type { DeviceShell } from '../../shared/domain/device-shell';
import type { TemplateExecutor, TemplateView } from '../../shared/domain/template';
import type { CompiledTemplate } from '../executors/device-executor';
import { deviceExecutorFor } from '../executors/registry';
import type { CredentialSnapshot } from '../runner/ports';
import { getTemplate, templateVersionForRun } from '../templates/template-service';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { FieldCipher } from '../vault/field-cipher';
import { loadRunContext, type CredentialRunContext } from './run-context';

export type TemplateRun = Awaited<ReturnType<typeof templateVersionForRun>>;

/**
 * What one attempt reads from the vault, read once for the attempt: its bound, its run and each
 * fresh login used to load the run context, read the template and compile it again (about a dozen
 * statements and two compiles per rotation). Keyed by the attempt's CredentialSnapshot, which the
 * runner builds afresh for every attempt (ports.ts), so the next attempt, a retry after someone
 * fixed the template, sees the vault as it is then; nothing outlives the attempt's snapshot.
 */
export interface AttemptReads {
  context(credential: CredentialSnapshot): Promise<CredentialRunContext>;
  /** The template by id or name; undefined when there is none. */
  template(credential: CredentialSnapshot, ref: number | string): Promise<TemplateView | undefined>;
  /** Its current version's body and variables, secret values opened (rejects as templateVersionForRun does). */
  version(credential: CredentialSnapshot, templateId: number): Promise<TemplateRun>;
  /** That version compiled for the device's shell (undefined: not known, as in lint). */
  compiled(credential: CredentialSnapshot, executor: TemplateExecutor, run: TemplateRun, shell: DeviceShell | undefined): CompiledTemplate;
}

interface Reads {
  context?: Promise<CredentialRunContext>;
  readonly templates: Map<number | string, Promise<TemplateView | undefined>>;
  readonly versions: Map<number, Promise<TemplateRun>>;
  readonly compiled: Map<string, CompiledTemplate>;
}

export function createAttemptReads(db: Kysely<VaultDatabase>, fields: FieldCipher): AttemptReads {
  const byAttempt = new WeakMap<CredentialSnapshot, Reads>();
  const readsOf = (credential: CredentialSnapshot): Reads => {
    let reads = byAttempt.get(credential);
    if (reads === undefined) {
      reads = { templates: new Map(), versions: new Map(), compiled: new Map() };
      byAttempt.set(credential, reads);
    }
    return reads;
  };
  return {
    context(credential) {
      const reads = readsOf(credential);
      if (reads.context === undefined) {
        const loading = loadRunContext(db, fields, credential.id);
        reads.context = loading;
        // A failed read is not kept: the next call within the attempt tries again.
        loading.catch(() => {
          if (reads.context === loading) delete reads.context;
        });
      }
      return reads.context;
    },
    template(credential, ref) {
      const { templates } = readsOf(credential);
      let found = templates.get(ref);
      if (found === undefined) {
        found = getTemplate(db, ref).catch(() => undefined);
        templates.set(ref, found);
      }
      return found;
    },
    version(credential, templateId) {
      const { versions } = readsOf(credential);
      let run = versions.get(templateId);
      if (run === undefined) {
        run = templateVersionForRun({ db, fields }, templateId);
        versions.set(templateId, run);
        run.catch(() => versions.delete(templateId));
      }
      return run;
    },
    compiled(credential, executor, run, shell) {
      const { compiled } = readsOf(credential);
      const key = `${executor}\0${run.template.id}\0${run.version}\0${shell ?? ''}`;
      let program = compiled.get(key);
      if (program === undefined) {
        program = deviceExecutorFor(executor).compile(run.body, run.variables, shell);
        compiled.set(key, program);
      }
      return program;
    },
  };
}
