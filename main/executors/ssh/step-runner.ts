import { assertNever } from '../../../shared/assert-never';
import type { NewLineMode, RenderedStep } from '../../templates/template-ast';
import { describeStep, type MaskText } from './describe-step';
import { seconds } from './format-seconds';
import type { ShellSession } from './shell-session';
import type { WaitResult } from './shell-output';
import type { SshFailure } from './ssh-types';

export interface RunSettings {
  connectTimeoutMs: number;
  readTimeoutMs: number;
  newLine: NewLineMode;
}

export const NEW_LINE: Readonly<Record<NewLineMode, string>> = { unix: '\n', windows: '\r\n', mac: '\r' };

/** What a step did: go on, stop the run successfully (`end`), or fail (line and step added by the caller). */
export type StepOutcome = 'next' | 'end' | Omit<SshFailure, 'line' | 'step'>;

/** Changes settings for the steps after it; returns false for steps that are not settings. */
export function applySetting(step: RenderedStep, settings: RunSettings): boolean {
  switch (step.kind) {
    case 'set-read-timeout':
      settings.readTimeoutMs = step.seconds * 1000;
      return true;
    case 'set-connect-timeout':
      settings.connectTimeoutMs = step.seconds * 1000;
      return true;
    case 'set-new-line-mode':
      settings.newLine = step.mode;
      return true;
    case 'set-ssh-version':
      return true; // checked before connecting: only 2 is accepted
    default:
      return false;
  }
}

/**
 * Runs one step. Segura's semantics: read / expect / expect-regex fail when nothing matches within
 * the read timeout; no-expect fails when its pattern appears within the read timeout and passes
 * when the window ends without it; `end` closes the connection and ends the run successfully.
 * `pattern` is the step's compiled pattern (see compileStepPatterns).
 */
export async function runStep(step: RenderedStep, pattern: RegExp | undefined, session: ShellSession, settings: RunSettings, mask: MaskText, signal?: AbortSignal): Promise<StepOutcome> {
  if (applySetting(step, settings)) return 'next';
  const described = (): string => describeStep(step, mask);
  switch (step.kind) {
    case 'exec':
      return send(session, step.text + NEW_LINE[settings.newLine], described);
    case 'write':
      return send(session, step.text, described);
    case 'read':
    case 'expect':
    case 'expect-regex':
      return waitOutcome(await session.output.waitFor(required(pattern), settings.readTimeoutMs, signal), described, settings);
    case 'no-expect': {
      const watched = await session.output.watchFor(required(pattern), settings.readTimeoutMs, signal);
      if (watched.kind === 'aborted') return aborted();
      if (watched.kind === 'not-seen') return 'next';
      // What the device printed stays in the masked transcript: it can hold anything, secrets too.
      return {
        kind: 'pattern-seen',
        message: `${described()} failed: the device printed text this template treats as an error (the attempt's transcript shows it).`,
      };
    }
    case 'sleep':
      return (await sleep(step.seconds * 1000, signal)) ? 'next' : aborted();
    case 'end':
      session.close();
      return 'end';
    case 'set-read-timeout':
    case 'set-connect-timeout':
    case 'set-new-line-mode':
    case 'set-ssh-version':
      return 'next'; // handled by applySetting above
    default:
      return assertNever(step, 'template step');
  }
}

function send(session: ShellSession, text: string, described: () => string): StepOutcome {
  if (session.send(text)) return 'next';
  return { kind: 'connection-closed', message: `${described()} failed: the device had already closed the connection.` };
}

/** Failure messages name the step and what to do; the device's output belongs in the transcript. */
function waitOutcome(result: WaitResult, described: () => string, settings: RunSettings): StepOutcome {
  switch (result.kind) {
    case 'matched':
      return 'next';
    case 'timeout':
      return {
        kind: 'timeout',
        message: `${described()} timed out after ${seconds(settings.readTimeoutMs)} without a match. The attempt's transcript shows what the device printed; check the text it prints at this point, or raise set-read-timeout.`,
      };
    case 'closed':
      return {
        kind: 'connection-closed',
        message: `${described()} failed: the device closed the connection first (the attempt's transcript shows its last output).`,
      };
    case 'aborted':
      return aborted();
    default:
      return assertNever(result, 'wait result');
  }
}

function required(pattern: RegExp | undefined): RegExp {
  if (pattern === undefined) throw new Error('A matching step reached the runner without a compiled pattern.');
  return pattern;
}

function aborted(): StepOutcome {
  return { kind: 'aborted', message: 'The run was cancelled before the template finished; the device may be half-way through a change.' };
}

function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
