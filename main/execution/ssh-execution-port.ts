import type { Kysely } from 'kysely';
import { connectHost } from '../../shared/domain/network-address';
import { hasErrors } from '../../shared/domain/template-diagnostic';
import { runSshScript } from '../executors/ssh/run-ssh-script';
import type { SshAuth, SshFailureKind, SshTarget } from '../executors/ssh/ssh-types';
import { formatTranscript } from '../executors/ssh/transcript-recorder';
import { tryLogin } from '../executors/ssh/try-login';
import type { OperationType } from '../runner/operation-model';
import type { CredentialSnapshot, ExecutionPort, LoginVerdict, RunOutcome, RunRequest } from '../runner/ports';
import { lintTemplate } from '../templates/lint-template';
import { renderTemplate, TemplateRenderError } from '../templates/render-template';
import { buildTagValues } from '../templates/tag-values';
import { getTemplate, templateVersionForRun } from '../templates/template-service';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { FieldCipher } from '../vault/field-cipher';
import { managedKeyComment } from './candidate-generator';
import { loadRunContext, renderContextFor, type CredentialRunContext, type LoginIdentity } from './run-context';

/** Failures that happen before any command reaches the device: the target was certainly not changed. */
const UNTOUCHED: ReadonlySet<SshFailureKind> = new Set(['unreachable', 'host-key-untrusted', 'host-key-changed', 'auth-failed', 'invalid-step', 'aborted']);

export interface SshPortOptions {
  /** Milliseconds; templates may change them with set-connect-timeout / set-read-timeout. */
  readonly timeouts?: { readonly connectTimeoutMs?: number; readonly readTimeoutMs?: number };
}

/**
 * The runner's window on real devices: picks the template the credential's execution settings name
 * for the operation, renders it with the run's secrets, runs it over SSH as the right login, and
 * answers fresh-login questions. Secrets never leave this object except into the SSH session.
 */
export function createSshExecutionPort(db: Kysely<VaultDatabase>, fields: FieldCipher, options: SshPortOptions = {}): ExecutionPort {
  // A device known only by name has a URL as its ip ("ssh://db01.example.com"): connect to its host.
  const target = (context: CredentialRunContext): SshTarget => ({ host: connectHost(context.device.ip), port: context.device.sshPort, pinnedFingerprint: context.device.hostKeyFingerprint });

  async function runTemplate(request: RunRequest, context: CredentialRunContext, templateName: string | null | undefined, login: LoginIdentity, secret: { newPassword: string | null; newPublicKey: string | null }): Promise<RunOutcome> {
    if (!templateName) {
      return { kind: 'failed', touched: false, message: `${context.identifier} has no template for ${describe(request.operationType)}: set it in the credential's execution settings.`, transcript: '', templateId: null, templateVersion: null };
    }
    const template = await getTemplate(db, templateName).catch(() => undefined);
    if (!template) return { kind: 'failed', touched: false, message: `The template "${templateName}" named in ${context.identifier}'s execution settings does not exist.`, transcript: '', templateId: null, templateVersion: null };
    if (!template.active) return { kind: 'failed', touched: false, message: `The template "${templateName}" is inactive; activate it or choose another.`, transcript: '', templateId: template.id, templateVersion: template.current_version };
    const run = await templateVersionForRun({ db, fields }, template.id);
    const lint = lintTemplate(run.body, run.variables);
    const failed = (message: string, touched: boolean, transcript = ''): RunOutcome => ({ kind: 'failed', touched, message, transcript, templateId: template.id, templateVersion: run.version });
    if (hasErrors(lint.diagnostics)) return failed(`Template "${template.name}" v${run.version} has errors; fix it in the Templates view.`, false);
    let script;
    try {
      script = renderTemplate(
        lint.steps,
        buildTagValues(renderContextFor(context, { newPassword: secret.newPassword, newPublicKey: secret.newPublicKey, keyComment: managedKeyComment(context.identifier), variables: run.variables })),
        lint.target,
      );
    } catch (error) {
      if (error instanceof TemplateRenderError) return failed(`Template "${template.name}" line ${error.line}: ${error.message}`, false);
      throw error;
    }
    const auth = authFor(login);
    if (!auth) return failed(`${login.username} has no secret in the vault to log in with.`, false);
    const result = await runSshScript(target(context), auth, script, { timeouts: options.timeouts ?? {} });
    const transcript = formatTranscript(result.transcript);
    if (result.ok) return { kind: 'completed', transcript, templateId: template.id, templateVersion: run.version };
    const where = result.failure.line ? ` (template "${template.name}" line ${result.failure.line})` : '';
    return failed(`${result.failure.message}${where}`, !UNTOUCHED.has(result.failure.kind), transcript);
  }

  async function login(context: CredentialRunContext, identity: LoginIdentity): Promise<LoginVerdict> {
    const auth = authFor(identity);
    if (!auth) return 'rejected';
    return tryLogin({ target: target(context), auth, ...(options.timeouts?.connectTimeoutMs ? { connectTimeoutMs: options.timeouts.connectTimeoutMs } : {}) });
  }

  return {
    async run(request) {
      const context = await loadRunContext(db, fields, request.credential.id);
      const settings = context.settings;
      switch (request.operationType) {
        case 'change_password':
        case 'child_password_change':
          return runTemplate(request, context, settings?.change_template, context.login, { newPassword: request.newSecret, newPublicKey: null });
        case 'reconcile':
          // Reconciliation sets a fresh secret without knowing the current one, logged in as the
          // reconciliation credential.
          if (!context.reconciliation) {
            return { kind: 'failed', touched: false, message: `${context.identifier} has no reconciliation credential configured.`, transcript: '', templateId: null, templateVersion: null };
          }
          return runTemplate(request, context, settings?.reconciliation_template, context.reconciliation, { newPassword: request.newSecret, newPublicKey: null });
        case 'ssh_key_rotation':
          return rotateKey(request, context);
        case 'credential_activation':
        case 'credential_inactivation':
          return runTemplate(request, context, activationTemplate(request.operationType, context), context.login, { newPassword: null, newPublicKey: null });
        case 'verify':
          return { kind: 'completed', transcript: '', templateId: null, templateVersion: null };
      }
    },
    async tryLogin(credential: CredentialSnapshot, secret: string) {
      const context = await loadRunContext(db, fields, credential.id);
      return login(context, { ...context.own, secret });
    },
  };

  /**
   * Key rotation replaces only the key pamdesk manages: the add template appends the new key, a
   * fresh login proves it, and only then does the remove template (run as the new key) delete the old
   * one. If the proof fails the old key stays, and the runner finds the current key still works.
   */
  async function rotateKey(request: RunRequest, context: CredentialRunContext): Promise<RunOutcome> {
    const added = await runTemplate(request, context, context.settings?.change_template, context.login, { newPassword: null, newPublicKey: request.newPublicKey });
    if (added.kind === 'failed' || request.newSecret === null) return added;
    const proven = await login(context, { ...context.own, secret: request.newSecret });
    if (proven !== 'accepted') return { ...added, kind: 'failed', touched: true, message: `The new key was added but a fresh login with it was ${proven}; the old key was kept.` };
    const removeTemplate = removalTemplateFor(context.settings?.change_template);
    if (!removeTemplate) {
      return { ...added, transcript: `${added.transcript}\nNOTE: the change template is not an "... - add" template, so no removal template applies; the old key was left in place.` };
    }
    const removed = await runTemplate(request, context, removeTemplate, { ...context.own, secret: request.newSecret }, { newPassword: null, newPublicKey: request.newPublicKey });
    const transcript = `${added.transcript}\n--- remove old key ---\n${removed.transcript}`;
    if (removed.kind === 'failed') {
      // The new key works; the vault must adopt it. The old key is left behind: say so.
      return { kind: 'completed', transcript: `${transcript}\nWARNING: the old key could not be removed: ${removed.message}`, templateId: added.templateId, templateVersion: added.templateVersion };
    }
    return { ...added, transcript };
  }
}

function authFor(identity: LoginIdentity): SshAuth | undefined {
  if (identity.secret === null) return undefined;
  return identity.kind === 'ssh_key' ? { username: identity.username, privateKey: identity.secret } : { username: identity.username, password: identity.secret };
}

/**
 * Key rotation templates come in pairs named "<name> - add" and "<name> - remove old" (as the
 * built-ins are): the credential names the add template, and the pair gives the removal.
 */
export function removalTemplateFor(addTemplate: string | null | undefined): string | null {
  if (!addTemplate || !/ - add$/i.test(addTemplate)) return null;
  return addTemplate.replace(/ - add$/i, ' - remove old');
}

/** The JIT settings name the enable and disable templates (seed 004). */
function activationTemplate(type: 'credential_activation' | 'credential_inactivation', context: CredentialRunContext): string | null {
  return (type === 'credential_activation' ? context.jit?.credential_enable_template : context.jit?.credential_disable_template) ?? null;
}

function describe(type: OperationType): string {
  return type.replaceAll('_', ' ');
}
