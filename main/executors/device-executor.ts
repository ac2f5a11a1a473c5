import type { DeviceShell } from '../../shared/domain/device-shell';
import type { TemplateVariable, TemplateExecutor } from '../../shared/domain/template';
import type { TemplateDiagnostic } from '../../shared/domain/template-diagnostic';
import type { TagValues } from '../templates/tag-values';
import type { LoginOutcome, SshAuth, SshRunResult, SshTarget, SshTimeouts } from './ssh/ssh-types';

export interface ExecutorRunOptions {
  readonly timeouts?: Partial<SshTimeouts>;
  readonly signal?: AbortSignal;
}

/**
 * A template body in its executor's language, parsed and checked. Each executor has its own
 * language (SSH and Telnet share the expect language of main/templates; LDAP and SQL have theirs),
 * so parsing, tag checks, quoting and the attempt bound are the executor's; what the runner does
 * around a run is not.
 */
export interface CompiledTemplate {
  /** Sorted by line then column; an error means it cannot be rendered or run. */
  readonly diagnostics: readonly TemplateDiagnostic[];
  /** The longest a run can take when every wait runs to its timeout: the attempt's hard bound. */
  budgetMs(base: Partial<SshTimeouts>): number;
  /**
   * Fills in every tag for one run, quoted as this executor's language needs it so that no value
   * can change what a line does. Throws TemplateRenderError (naming the line) when a tag has no
   * value or a value is unsafe; nothing has been sent then. Only call without error diagnostics.
   */
  render(values: TagValues, shell: DeviceShell): RenderedProgram;
}

/** One run's rendered template, ready to send. */
export interface RenderedProgram {
  /** Every secret of the run, in each form it could appear in: transcripts and messages are masked with them. */
  readonly secrets: readonly string[];
  /** What the run would send and wait for, one line per step, as the dry run shows it. */
  readonly lines: readonly string[];
  /** Runs it on the device as this login. `target.pinnedFingerprint` is the SSH host key. */
  run(target: SshTarget, auth: SshAuth, options: ExecutorRunOptions): Promise<SshRunResult>;
}

/**
 * One executor (plugin) behind the runner's port: it compiles templates of its language, runs a
 * rendered one on a device as an identity, and makes a fresh login for the proof after a change
 * and for verify. Everything else (sealing the candidate before touching the target, the proof,
 * compare-and-swap promotion, Unverified, recovery) is the runner's and the same for every executor.
 */
export interface DeviceExecutor {
  readonly templateExecutor: TemplateExecutor;
  /** `shell` is the device's, at run time; absent when no device is known (lint, save). */
  compile(source: string, variables: readonly TemplateVariable[], shell?: DeviceShell): CompiledTemplate;
  tryLogin(target: SshTarget, auth: SshAuth, options: { readonly connectTimeoutMs?: number }): Promise<LoginOutcome>;
  /** Why this executor cannot log in with this kind of secret (Telnet has no keys), or null. */
  refuseAuth(auth: SshAuth): string | null;
}
