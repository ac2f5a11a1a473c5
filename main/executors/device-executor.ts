import type { TemplateExecutor } from '../../shared/domain/template';
import type { RenderedScript } from '../templates/template-ast';
import type { LoginOutcome, SshAuth, SshRunResult, SshTarget, SshTimeouts } from './ssh/ssh-types';

export interface ExecutorRunOptions {
  readonly timeouts?: Partial<SshTimeouts>;
  readonly signal?: AbortSignal;
}

/**
 * One executor (plugin) behind the runner's port: it runs a rendered template on a device as an
 * identity, and makes a fresh login for the proof after a change and for verify. Everything else
 * (sealing the candidate before touching the target, the proof, compare-and-swap promotion,
 * Unverified, recovery) is the runner's and the same for every executor. Templates of SSH and
 * Telnet share one language (main/templates: tags, `|sh` quoting, `# pamdesk: allow` directives);
 * what reads their lines is the device's shell, not the executor.
 */
export interface DeviceExecutor {
  readonly templateExecutor: TemplateExecutor;
  /** `target.pinnedFingerprint` is the SSH host key; executors without one ignore it. */
  run(target: SshTarget, auth: SshAuth, script: RenderedScript, options: ExecutorRunOptions): Promise<SshRunResult>;
  tryLogin(target: SshTarget, auth: SshAuth, options: { readonly connectTimeoutMs?: number }): Promise<LoginOutcome>;
  /** Why this executor cannot log in with this kind of secret (Telnet has no keys), or null. */
  refuseAuth(auth: SshAuth): string | null;
}
