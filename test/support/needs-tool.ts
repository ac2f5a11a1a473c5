/**
 * One rule for tests that need a system package (telnetd, sudo, ssh-keygen, rsyslog, Segura's
 * library): on CI (CI=true) they always run, because .ci/run installs every package and a missing
 * one must fail there, not skip; elsewhere they skip, saying why in their title.
 */
export interface ToolGate {
  /** Pass to `skipIf`: true only off CI with the tool missing. */
  readonly skip: boolean;
  /** The test's title, with the reason appended when it skips. */
  title(text: string): string;
}

export function needsTool(available: boolean, missingReason: string): ToolGate {
  const skip = !available && process.env['CI'] !== 'true';
  return { skip, title: (text) => (skip ? `${text} (skipped: ${missingReason})` : text) };
}
