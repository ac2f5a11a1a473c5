import type { RenderedScript, RenderedStep } from '../../templates/template-ast';
import { authSecrets } from './auth-methods';
import { compileStepPatterns } from './compile-step-patterns';
import { describeStep } from './describe-step';
import { maskSecrets } from '../../security/mask-secrets';
import { openConnection } from './open-connection';
import { openShell } from './open-shell';
import { preparePosixShell } from './prepare-posix-shell';
import { ShellSession } from './shell-session';
import { DEFAULT_TIMEOUTS, type SshAuth, type SshFailure, type SshRunResult, type SshTarget, type SshTimeouts } from './ssh-types';
import { applySetting, NEW_LINE, runStep, type RunSettings } from './step-runner';
import { TranscriptRecorder } from './transcript-recorder';

export interface SshRunOptions {
  /**
   * The executor-level starting values (Segura's 5 s each when absent). A template's
   * set-connect-timeout / set-read-timeout then change them from that line on; the connect timeout
   * takes effect when it comes before the first step that talks to the device.
   */
  readonly timeouts?: Partial<SshTimeouts>;
  /** Budget for authentication after the host key check (see ConnectOptions). */
  readonly loginTimeoutMs?: number;
  /** Cancels the run: waits end at once, the connection is closed, the result is 'aborted'. */
  readonly signal?: AbortSignal;
}

/**
 * Runs a rendered SSH template in an interactive PTY shell on the target and reports how it went.
 * Success is reaching `end` or the last step; the first failing step stops the run and is named by
 * its template line. The transcript holds everything sent and received, with every secret of the
 * script and of the login masked; failure messages are masked the same way.
 */
export async function runSshScript(target: SshTarget, auth: SshAuth, script: RenderedScript, options: SshRunOptions = {}): Promise<SshRunResult> {
  const secrets = [...script.secrets, ...authSecrets(auth)];
  const transcript = new TranscriptRecorder(secrets);
  // Masked before any quoting or formatting, so no escaped spelling of a secret survives.
  const mask = (text: string): string => maskSecrets(text, secrets);
  const describe = (step: RenderedStep): string => describeStep(step, mask);
  const failed = (failure: SshFailure): SshRunResult => ({
    ok: false,
    failure: { ...failure, message: maskSecrets(failure.message, secrets) },
    transcript: transcript.masked(),
  });

  const compiled = compileStepPatterns(script.steps, mask);
  if (!compiled.ok) return failed(compiled.failure);

  const settings: RunSettings = {
    connectTimeoutMs: options.timeouts?.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectTimeoutMs,
    readTimeoutMs: options.timeouts?.readTimeoutMs ?? DEFAULT_TIMEOUTS.readTimeoutMs,
    newLine: 'unix',
  };
  // Settings before the first device step configure the connection itself (connect timeout).
  let index = 0;
  for (let step = script.steps[index]; step !== undefined && applySetting(step, settings); step = script.steps[++index]) {
    transcript.step(step.line, describe(step));
  }

  transcript.note(`connecting to ${target.host}:${target.port} as ${auth.username}`);
  const connection = await openConnection(target, auth, {
    connectTimeoutMs: settings.connectTimeoutMs,
    loginTimeoutMs: options.loginTimeoutMs,
    onBanner: (banner) => transcript.received(banner),
  });
  if (!connection.ok) return failed(connection.failure);
  transcript.note(`host key ${connection.fingerprint} matches the pinned key; logged in`);

  const shell = await openShell(connection.client, settings.connectTimeoutMs);
  if (!shell.ok) {
    connection.client.end();
    return failed(shell.failure);
  }
  const session = new ShellSession(connection.client, shell.channel, transcript);
  try {
    if (script.target === 'posix') {
      transcript.note('preparing the POSIX shell: no completion, history or history expansion');
      const unprepared = await preparePosixShell(session, NEW_LINE[settings.newLine], settings.readTimeoutMs, options.signal);
      if (unprepared !== null) return failed(unprepared);
    }
    for (; index < script.steps.length; index += 1) {
      const step = script.steps[index];
      if (step === undefined) break;
      if (options.signal?.aborted === true) return failed({ kind: 'aborted', line: step.line, step: step.kind, message: `Line ${step.line}: the run was cancelled before this step; the device may be half-way through a change.` });
      transcript.step(step.line, describe(step));
      const outcome = await runStep(step, compiled.patterns[index], session, settings, mask, options.signal);
      if (outcome === 'end') break;
      if (outcome !== 'next') return failed({ ...outcome, line: step.line, step: step.kind, message: `Line ${step.line}: ${outcome.message}` });
    }
    return { ok: true, transcript: transcript.masked() };
  } finally {
    session.close();
  }
}
