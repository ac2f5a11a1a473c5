import { seconds } from './format-seconds';
import type { ShellSession } from './shell-session';
import type { SshFailure } from './ssh-types';

/** What the preparation line prints when it has run; the echo of the line never contains it. */
export const SHELL_READY_MARKER = 'pamdesk-shell-ready';

/**
 * Typed once into a POSIX shell before the template's first step, so the shell's line editor takes
 * every later character literally. Each command is silenced and independent, so a shell without one
 * (dash has no `bind`, and no `-H`) still runs the rest; `command` keeps a failing `set` (a special
 * built-in) from abandoning the line in dash.
 * - `set +H`: no history expansion, so "!" in a value never recalls an earlier command line;
 * - `set +o history`: nothing the template types is kept in the account's shell history;
 * - readline (bash): completion off, so TAB self-inserts and never completes a file name that
 *   closes a quote; bracketed paste off (no ESC sequences around prompts); 8-bit input kept as
 *   characters (input-meta on, convert-meta off), so a byte of a non-ASCII character is never read as
 *   Meta plus a key, whose binding could edit the line (older readline in the C locale).
 * The marker is printed from two pieces, so only the shell's output can match it (as Linux - Verify).
 * Control characters in values are refused before this point (render-template.ts); this is the
 * second wall, for what reaches the line editor anyway.
 */
export const PREPARE_POSIX_SHELL = [
  'command set +H 2>/dev/null',
  'command set +o history 2>/dev/null',
  "bind 'set disable-completion on' 2>/dev/null",
  "bind 'set enable-bracketed-paste off' 2>/dev/null",
  "bind 'set input-meta on' 2>/dev/null",
  "bind 'set convert-meta off' 2>/dev/null",
  `printf 'pamdesk-%s\\n' ${SHELL_READY_MARKER.slice('pamdesk-'.length)}`,
].join('; ');

const READY = new RegExp(SHELL_READY_MARKER);

/**
 * Sends the preparation line as soon as the shell is open (the shell reads it once it is ready,
 * like type-ahead) and waits for the marker. Everything up to the marker is consumed, so the
 * template's first wait sees only the prompt that follows it. Returns null when the shell is ready.
 */
export async function preparePosixShell(session: ShellSession, newLine: string, timeoutMs: number, signal?: AbortSignal): Promise<Omit<SshFailure, 'line' | 'step'> | null> {
  if (!session.send(PREPARE_POSIX_SHELL + newLine)) {
    return { kind: 'connection-closed', message: 'The device closed the session right after login, before any template command was sent.' };
  }
  const result = await session.output.waitFor(READY, timeoutMs, signal);
  switch (result.kind) {
    case 'matched':
      return null;
    case 'aborted':
      return { kind: 'aborted', message: 'The run was cancelled before the template started; nothing was changed on the device.' };
    case 'closed':
      return { kind: 'connection-closed', message: `The device closed the session while pamdesk prepared the shell, before any template command was sent; its last output was ${JSON.stringify(session.output.tail())}.` };
    case 'timeout':
      return {
        kind: 'invalid-step',
        message: `The device's shell did not run pamdesk's preparation line within ${seconds(timeoutMs)}, so no template command was sent; its last output was ${JSON.stringify(session.output.tail())}. The device is set (or taken from its type and vendor) to run a POSIX shell: if it is a network CLI, set its shell to network CLI on the device.`,
      };
    default:
      return result satisfies never;
  }
}
