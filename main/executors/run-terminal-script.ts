import { maskSecrets } from '../security/mask-secrets';
import type { RenderedScript, RenderedStep } from '../templates/template-ast';
import { compileStepPatterns } from './ssh/compile-step-patterns';
import { describeStep } from './ssh/describe-step';
import { preparePosixShell } from './ssh/prepare-posix-shell';
import { ShellSession } from './ssh/shell-session';
import { DEFAULT_TIMEOUTS, type SshFailure, type SshRunResult, type SshTimeouts } from './ssh/ssh-types';
import { applySetting, NEW_LINE, runStep, type RunSettings } from './ssh/step-runner';
import type { TerminalChannel } from './terminal-channel';
import { TranscriptRecorder } from './ssh/transcript-recorder';

/** How an executor opens its terminal: connected and logged in, or a failure before anything was sent. */
export type OpenTerminal = (settings: Readonly<RunSettings>, transcript: TranscriptRecorder) => Promise<{ readonly ok: true; readonly channel: TerminalChannel } | { readonly ok: false; readonly failure: SshFailure }>;

export interface TerminalRunOptions {
  readonly timeouts?: Partial<SshTimeouts> | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Runs a rendered template in an interactive terminal, the same for every executor that has one
 * (SSH, Telnet): settings before the first device step configure the connection; a POSIX shell is
 * prepared first (prepare-posix-shell.ts), a network CLI is not; then each step, the first failing
 * one stopping the run and named by its template line. `secrets` are every secret of the script
 * and of the login: the transcript and failure messages are masked with them.
 */
export async function runTerminalScript(script: RenderedScript, secrets: readonly string[], open: OpenTerminal, options: TerminalRunOptions = {}): Promise<SshRunResult> {
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
  let index = 0;
  for (let step = script.steps[index]; step !== undefined && applySetting(step, settings); step = script.steps[++index]) {
    transcript.step(step.line, describe(step));
  }

  const opened = await open(settings, transcript);
  if (!opened.ok) return failed(opened.failure);
  const session = new ShellSession(opened.channel, transcript);
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
