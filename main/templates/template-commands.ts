import type { StepKind } from './template-ast';

/** What follows a command's keyword. */
export type ArgumentKind = 'none' | 'text' | 'number' | 'new-line-mode';

export interface CommandSpec {
  readonly kind: StepKind;
  readonly argument: ArgumentKind;
}

/** Segura's SSH executor commands; `noexpect` is the spelling its own library also uses. */
export const TEMPLATE_COMMANDS: ReadonlyMap<string, CommandSpec> = new Map<string, CommandSpec>([
  ['set-read-timeout', { kind: 'set-read-timeout', argument: 'number' }],
  ['set-connect-timeout', { kind: 'set-connect-timeout', argument: 'number' }],
  ['set-new-line-mode', { kind: 'set-new-line-mode', argument: 'new-line-mode' }],
  ['set-ssh-version', { kind: 'set-ssh-version', argument: 'number' }],
  ['exec', { kind: 'exec', argument: 'text' }],
  ['write', { kind: 'write', argument: 'text' }],
  ['read', { kind: 'read', argument: 'text' }],
  ['expect', { kind: 'expect', argument: 'text' }],
  ['expect-regex', { kind: 'expect-regex', argument: 'text' }],
  ['no-expect', { kind: 'no-expect', argument: 'text' }],
  ['noexpect', { kind: 'no-expect', argument: 'text' }],
  ['sleep', { kind: 'sleep', argument: 'number' }],
  ['end', { kind: 'end', argument: 'none' }],
]);

/** Spellings from other executors (Telnet, SSH Legacy) and common slips, with what to write instead. */
export const COMMAND_SUGGESTIONS: ReadonlyMap<string, string> = new Map([
  ['send', 'write (sends without a new line) or exec (sends with one)'],
  ['not-expect', 'no-expect'],
  ['notexpect', 'no-expect'],
  ['expect_regex', 'expect-regex'],
  ['expectregex', 'expect-regex'],
  ['regex', 'expect-regex'],
  ['wait', 'sleep'],
  ['exit', 'exec "exit" followed by end'],
]);

/** Timeouts and sleeps above this are almost certainly a unit mistake (milliseconds for seconds). */
export const MAX_SECONDS = 3600;
