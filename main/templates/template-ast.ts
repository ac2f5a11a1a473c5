import type { DeviceShell } from '../../shared/domain/device-shell';

/**
 * A parsed SSH-executor template (Segura's syntax), and the same after its tags are filled in.
 * The parser produces TemplateStep; rendering for one credential produces RenderedStep, which is
 * what the SSH executor runs. Line numbers are 1-based and point at the template's source, so a
 * failure in a run names the template line that failed.
 */
export type NewLineMode = 'unix' | 'windows' | 'mac';

export type TemplateStep =
  | { readonly kind: 'set-read-timeout'; readonly seconds: number; readonly line: number }
  | { readonly kind: 'set-connect-timeout'; readonly seconds: number; readonly line: number }
  | { readonly kind: 'set-new-line-mode'; readonly mode: NewLineMode; readonly line: number }
  | { readonly kind: 'set-ssh-version'; readonly version: number; readonly line: number }
  /** Sends the text followed by the new-line sequence. */
  | { readonly kind: 'exec'; readonly text: string; readonly line: number }
  /** Sends the text as is. */
  | { readonly kind: 'write'; readonly text: string; readonly line: number }
  /** Waits for the literal text. */
  | { readonly kind: 'read'; readonly text: string; readonly line: number }
  /** Waits for the text, where `*` matches any run of characters. */
  | { readonly kind: 'expect'; readonly pattern: string; readonly line: number }
  /** Waits for a regular expression (written "/source/flags" in the template). */
  | { readonly kind: 'expect-regex'; readonly source: string; readonly flags: string; readonly line: number }
  /** Fails the run if the text (with `*` wildcards) shows up before the read timeout. */
  | { readonly kind: 'no-expect'; readonly pattern: string; readonly line: number }
  | { readonly kind: 'sleep'; readonly seconds: number; readonly line: number }
  | { readonly kind: 'end'; readonly line: number };

export type StepKind = TemplateStep['kind'];

/** A step with every tag replaced by its value for one run; same shape as TemplateStep. */
export type RenderedStep = TemplateStep;

/**
 * What the executor runs: the rendered steps and every secret value that went into them (and that
 * could come back in the device's output), so the transcript can mask them.
 */
export interface RenderedScript {
  readonly steps: readonly RenderedStep[];
  readonly secrets: readonly string[];
  /** What reads the lines: a POSIX shell gets its line editing prepared before the first step. */
  readonly target: DeviceShell;
}
