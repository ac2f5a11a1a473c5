import type { Kysely } from 'kysely';
import type { DeviceShell } from '../../shared/domain/device-shell';
import { executorEndpoint, executorForTemplate, findExecutor, unregisteredPluginMessage, type Executor } from '../../shared/domain/executors';
import { connectHost } from '../../shared/domain/network-address';
import { AppFailure } from '../../shared/errors';
import { loginBudgetMs } from '../executors/ssh/script-budget';
import type { SshAuth, SshFailureKind, SshTarget } from '../executors/ssh/ssh-types';
import { formatTranscript } from '../executors/ssh/transcript-recorder';
import { deviceExecutorFor } from '../executors/registry';
import type { OperationType } from '../runner/operation-model';
import type { CredentialSnapshot, ExecutionPort, FailureKind, LoginVerdict, RunOutcome, RunRequest } from '../runner/ports';
import { TemplateRenderError } from '../templates/render-template';
import { buildTagValues } from '../templates/tag-values';
import { getTemplate } from '../templates/template-service';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { FieldCipher } from '../vault/field-cipher';
import { managedKeyComment } from './candidate-generator';
import { createAttemptReads } from './attempt-reads';
import { renderContextFor, type CredentialRunContext, type LoginIdentity } from './run-context';

/** Failures that happen before any command reaches the device: the target was certainly not changed. */
const UNTOUCHED: ReadonlySet<SshFailureKind> = new Set(['unreachable', 'host-key-untrusted', 'host-key-changed', 'auth-failed', 'invalid-step', 'aborted']);

/**
 * How each executor failure is classified for the runner (see FailureKind). Host-key failures count
 * as transport: nothing was sent, and once someone trusts the key the next attempt can go through
 * without anyone touching the operation.
 */
const FAILURE_KIND: Readonly<Record<SshFailureKind, FailureKind>> = {
  unreachable: 'transport',
  'host-key-untrusted': 'transport',
  'host-key-changed': 'transport',
  timeout: 'transport',
  'connection-closed': 'transport',
  aborted: 'transport',
  'auth-failed': 'target',
  'pattern-seen': 'target',
  'invalid-step': 'configuration',
};

/** A bound for attempts whose template cannot be read: they fail at once, so this is generous. */
const FALLBACK_BOUND_MS = 120_000;

export interface SshPortOptions {
  /** Milliseconds; templates may change them with set-connect-timeout / set-read-timeout. */
  readonly timeouts?: { readonly connectTimeoutMs?: number; readonly readTimeoutMs?: number };
}

/**
 * The runner's window on real devices: picks the template the credential's execution settings name
 * for the operation, renders it with the run's secrets, runs it through the executor the template
 * is for (SSH, Telnet: main/executors/registry.ts) as the right login, and answers fresh-login
 * questions through the credential's change plugin. The device's shell decides what its lines may
 * hold: a secret on a command line is refused on a POSIX shell here, before anything is sent. Secrets never leave this object except into the SSH session.
 * Everything missing in the vault comes back as a 'configuration' failure naming what to fix.
 */
export function createSshExecutionPort(db: Kysely<VaultDatabase>, fields: FieldCipher, options: SshPortOptions = {}): ExecutionPort {
  const reads = createAttemptReads(db, fields);
  // A device known only by name has a URL as its ip ("ssh://db01.example.com"): connect to its host.
  // Terminal executors check the SSH host key (Telnet has none to check); the others the TLS
  // certificate pinned for their protocol. An "LDAPS" connectivity is LDAP with TLS from the first byte.
  const target = (context: CredentialRunContext, executor: Executor): SshTarget => {
    const endpoint = executorEndpoint(executor, context.device.connectivities);
    return {
      host: connectHost(context.device.ip),
      port: endpoint.port,
      pinnedFingerprint: executor.terminal ? context.device.hostKeyFingerprint : (context.device.certificatePins[executor.name.toUpperCase()] ?? null),
      ...(endpoint.implicitTls ? { implicitTls: true } : {}),
    };
  };
  const configuration = (message: string, templateId: number | null = null, templateVersion: number | null = null): RunOutcome => ({
    kind: 'failed',
    failure: 'configuration',
    touched: false,
    message,
    transcript: '',
    templateId,
    templateVersion,
  });

  async function runTemplate(request: RunRequest, context: CredentialRunContext, templateRef: TemplateRef, login: LoginIdentity, secret: { newPassword: string | null; newPublicKey: string | null }): Promise<RunOutcome> {
    const templateName = templateRef.name;
    if (!templateName && templateRef.id === null) return configuration(`${context.identifier} has no template for ${describe(request.operationType)}: set it in the credential's execution settings.`);
    const plugin = templateRef.plugin?.trim();
    const named = plugin ? findExecutor(plugin) : undefined;
    if (plugin && named === undefined) return configuration(`${context.identifier}'s execution settings name the plugin "${plugin}": ${unregisteredPluginMessage(plugin)}`);
    // By id when the credential has one (a renamed template keeps working), else by name.
    const template = await reads.template(request.credential, templateRef.id ?? templateName ?? '');
    if (!template) return configuration(`The template "${templateName ?? templateRef.id}" named in ${context.identifier}'s execution settings does not exist: choose an existing template in the execution settings, or restore it in the Templates view.`);
    if (!template.active) return configuration(`The template "${template.name}" is inactive; activate it or choose another.`, template.id, template.current_version);
    const executor = executorForTemplate(template.executor);
    if (named !== undefined && named !== executor) {
      return configuration(`The template "${template.name}" is for the ${executor.name} executor but ${context.identifier}'s plugin is ${named.name}: choose a ${named.name} template, or the ${executor.name} plugin.`, template.id, template.current_version);
    }
    const run = await reads.version(request.credential, template.id);
    const implementation = deviceExecutorFor(template.executor);
    // Compiled for this device's shell: on a POSIX shell a secret on a command line is an error here.
    const compiled = reads.compiled(request.credential, template.executor, run, context.device.shell);
    const firstError = compiled.diagnostics.find((d) => d.severity === 'error');
    if (firstError) {
      return configuration(`Template "${template.name}" v${run.version} line ${firstError.line} cannot run on ${context.device.hostname} (${describeShell(executor, context.device.shell)}); nothing was sent: ${firstError.message}.`, template.id, run.version);
    }
    let program;
    try {
      program = compiled.render(
        buildTagValues(renderContextFor(context, { newPassword: secret.newPassword, newPublicKey: secret.newPublicKey, keyComment: managedKeyComment(context.identifier), variables: run.variables })),
        context.device.shell,
      );
    } catch (error) {
      if (error instanceof TemplateRenderError) return configuration(`Template "${template.name}" line ${error.line}: ${error.message}`, template.id, run.version);
      throw error;
    }
    const auth = authFor(login);
    if (!auth) return configuration(`${login.username} has no secret in the vault to log in with: reset it in the vault first.`, template.id, run.version);
    const refused = implementation.refuseAuth(auth);
    if (refused !== null) return configuration(refused, template.id, run.version);
    const result = await program.run(target(context, executor), auth, { timeouts: options.timeouts ?? {}, ...(request.signal ? { signal: request.signal } : {}) });
    const transcript = formatTranscript(result.transcript);
    if (result.ok) return { kind: 'completed', transcript, templateId: template.id, templateVersion: run.version };
    const where = result.failure.line ? ` (template "${template.name}" line ${result.failure.line})` : '';
    return { kind: 'failed', failure: FAILURE_KIND[result.failure.kind], touched: !UNTOUCHED.has(result.failure.kind), message: `${result.failure.message}${where}`, transcript, templateId: template.id, templateVersion: run.version };
  }

  async function login(context: CredentialRunContext, identity: LoginIdentity): Promise<LoginVerdict> {
    const auth = authFor(identity);
    if (!auth) return 'rejected';
    const executor = loginExecutor(context);
    return deviceExecutorFor(executor.templateExecutor).tryLogin(target(context, executor), auth, options.timeouts?.connectTimeoutMs ? { connectTimeoutMs: options.timeouts.connectTimeoutMs } : {});
  }

  async function runWith(request: RunRequest, context: CredentialRunContext): Promise<RunOutcome> {
    const settings = context.settings;
    const change: TemplateRef = { id: context.changeTemplateId, name: settings?.change_template, plugin: settings?.change_plugin };
    const needsLogin = (): RunOutcome | null => (context.loginProblem ? configuration(context.loginProblem) : null);
    switch (request.operationType) {
      case 'change_password':
      case 'child_password_change':
        return needsLogin() ?? runTemplate(request, context, change, context.login, { newPassword: request.newSecret, newPublicKey: null });
      case 'reconcile':
        // Reconciliation sets a fresh secret without knowing the current one, logged in as the
        // reconciliation credential.
        if (context.reconciliationProblem) return configuration(context.reconciliationProblem);
        if (!context.reconciliation) return configuration(`${context.identifier} has no reconciliation credential configured: name one in its execution settings.`);
        return runTemplate(request, context, { id: context.reconciliationTemplateId, name: settings?.reconciliation_template, plugin: settings?.reconciliation_plugin }, context.reconciliation, { newPassword: request.newSecret, newPublicKey: null });
      case 'ssh_key_rotation':
        return needsLogin() ?? rotateKey(request, context, change);
      case 'credential_activation':
      case 'credential_inactivation':
        return needsLogin() ?? runTemplate(request, context, { id: null, name: activationTemplate(request.operationType, context), plugin: null }, context.login, { newPassword: null, newPublicKey: null });
      case 'verify':
        return { kind: 'completed', transcript: '', templateId: null, templateVersion: null };
    }
  }

  /**
   * How long a run of the template a name stands for can take, for the attempt bound; null when it
   * cannot be read. Read and compiled as the run will (for the device's shell), so the run reuses both.
   */
  async function budgetOf(credential: CredentialSnapshot, name: string | null | undefined, context: CredentialRunContext | undefined): Promise<number | null> {
    if (!name) return null;
    const template = await reads.template(credential, name);
    if (!template) return null;
    const run = await reads.version(credential, template.id).catch(() => undefined);
    return run ? reads.compiled(credential, template.executor, run, context?.device.shell).budgetMs(options.timeouts ?? {}) : null;
  }

  return {
    async run(request) {
      let context: CredentialRunContext;
      try {
        context = await reads.context(request.credential);
      } catch (error) {
        if (error instanceof AppFailure) return configuration(error.message);
        throw error;
      }
      return runWith(request, context);
    },
    async tryLogin(credential: CredentialSnapshot, secret: string) {
      const context = await reads.context(credential);
      return login(context, { ...context.own, secret });
    },
    async attemptBoundMs(operationType, credential) {
      const proof = loginBudgetMs(options.timeouts ?? {});
      const context = await reads.context(credential).catch(() => undefined);
      const settings = context?.settings;
      const templates: (string | null | undefined)[] = [];
      let logins = 0;
      switch (operationType) {
        case 'change_password':
        case 'child_password_change':
          templates.push(settings?.change_template);
          logins = 2; // the candidate, then the current secret
          break;
        case 'reconcile':
          templates.push(settings?.reconciliation_template);
          logins = 2;
          break;
        case 'ssh_key_rotation':
          templates.push(settings?.change_template, removalTemplateFor(settings?.change_template));
          logins = 3; // the proof of the added key, then the candidate and the current key
          break;
        case 'credential_activation':
        case 'credential_inactivation':
          templates.push(context ? activationTemplate(operationType, context) : null);
          break;
        case 'verify':
          logins = 3; // settling an Unverified change first (two), then the verify itself
          break;
      }
      let total = logins * proof;
      for (const name of templates) {
        if (!name) continue;
        total += (await budgetOf(credential, name, context)) ?? FALLBACK_BOUND_MS;
      }
      return Math.max(total, proof);
    },
  };

  /**
   * Key rotation replaces only the key pamdesk manages: the add template appends the new key, a
   * fresh login proves it, and only then does the remove template (run as the new key) delete the old
   * one. If the proof fails the old key stays, and the runner finds the current key still works.
   */
  async function rotateKey(request: RunRequest, context: CredentialRunContext, change: TemplateRef): Promise<RunOutcome> {
    const added = await runTemplate(request, context, change, context.login, { newPassword: null, newPublicKey: request.newPublicKey });
    if (added.kind === 'failed' || request.newSecret === null) return added;
    const proven = await login(context, { ...context.own, secret: request.newSecret });
    if (proven !== 'accepted') return { ...added, kind: 'failed', failure: proven === 'rejected' ? 'target' : 'transport', touched: true, message: `The new key was added but a fresh login with it was ${proven}; the old key was kept.` };
    // The pair is found from the add template's current name (it may have been renamed).
    const addName = added.templateId === null ? context.settings?.change_template : (await getTemplate(db, added.templateId)).name;
    const removeTemplate = removalTemplateFor(addName);
    if (!removeTemplate) {
      return { ...added, transcript: `${added.transcript}\nNOTE: the change template is not an "... - add" template, so no removal template applies; the old key was left in place.` };
    }
    const removed = await runTemplate(request, context, { id: null, name: removeTemplate, plugin: change.plugin ?? null }, { ...context.own, secret: request.newSecret }, { newPassword: null, newPublicKey: request.newPublicKey });
    const transcript = `${added.transcript}\n--- remove old key ---\n${removed.transcript}`;
    if (removed.kind === 'failed') {
      // The new key works; the vault must adopt it. The old key is left behind: say so.
      return { kind: 'completed', transcript: `${transcript}\nWARNING: the old key could not be removed: ${removed.message}`, templateId: added.templateId, templateVersion: added.templateVersion };
    }
    return { ...added, transcript };
  }
}

/** Which template to run: by id when the credential stores one, else by name; and the plugin named for it. */
interface TemplateRef {
  readonly id: number | null;
  readonly name: string | null | undefined;
  readonly plugin: string | null | undefined;
}

/**
 * The executor of the fresh logins (proof, verify, recovery): the credential's change plugin, else
 * its reconciliation plugin, else SSH. A login proves the secret the way the change used it.
 */
function loginExecutor(context: CredentialRunContext): Executor {
  const settings = context.settings;
  return findExecutor(settings?.change_plugin) ?? findExecutor(settings?.reconciliation_plugin) ?? executorForTemplate('ssh');
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

/** What reads the template's lines on this device, for a refusal: a shell for terminal executors. */
function describeShell(executor: Executor, shell: DeviceShell): string {
  if (!executor.terminal) return `its ${executor.name} service`;
  return shell === 'posix' ? 'a POSIX shell' : 'a network CLI';
}

function describe(type: OperationType): string {
  return type.replaceAll('_', ' ');
}
