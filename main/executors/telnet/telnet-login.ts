import { StringDecoder } from 'node:string_decoder';
import { findControlCharacter } from '../../../shared/domain/control-characters';
import { TerminalTextCleaner } from '../ssh/terminal-text-cleaner';
import type { TranscriptRecorder } from '../ssh/transcript-recorder';
import type { TelnetTerminal } from './telnet-terminal';

/**
 * Logs in at a Telnet device's own prompts, the way a person does: the user name at "login:" /
 * "Username:" (skipped when the device asks only for a password, as an IOS line password does),
 * then the password at "Password:". The answer is read from what follows:
 * - a failure line ("Login incorrect", "% Authentication failed", "Access denied"...) or the user
 *   name prompt again: rejected;
 * - a prompt ending in # $ > % or ] with no failure line: accepted. Everything the device printed
 *   after the password (motd, the prompt) is handed back to the terminal for the template.
 * Nothing else counts as an answer: a device that says neither within the time is 'no-answer'.
 */
export type TelnetLoginResult = { readonly kind: 'accepted' } | { readonly kind: 'rejected'; readonly message: string } | { readonly kind: 'no-answer'; readonly message: string };

const USER_PROMPT = /(?:login|user ?name|user)\s*:\s*$/i;
const PASSWORD_PROMPT = /pass(?:word|code)?\s*:\s*$/i;
const FAILURE_LINE = /^[\s%]*(?:login incorrect|login invalid|invalid login|authentication failed|access denied|bad password|password incorrect|invalid password|incorrect password)/im;
const SHELL_PROMPT = /[#$>%\]]\s*$/;

export async function telnetLogin(terminal: TelnetTerminal, username: string, password: string, timeoutMs: number, transcript?: TranscriptRecorder): Promise<TelnetLoginResult> {
  // Typed at a prompt, a line break would end the answer early and the rest would be a command.
  for (const [what, value] of [['user name', username], ['password', password]] as const) {
    const control = findControlCharacter(value);
    if (control !== null) return { kind: 'no-answer', message: `The ${what} contains ${control.description}, which a Telnet login prompt would act on instead of reading it; nothing was sent. Reset it without that character.` };
  }
  const decoder = new StringDecoder('utf8');
  const cleaner = new TerminalTextCleaner();
  let text = '';
  let sincePassword: Buffer[] | null = null;
  let wake: (() => void) | null = null;
  let closed = terminal.isClosed;
  terminal.onData((chunk) => {
    const cleaned = cleaner.feed(decoder.write(chunk));
    transcript?.received(cleaned);
    text += cleaned;
    if (text.length > 64 * 1024) text = text.slice(-64 * 1024);
    sincePassword?.push(chunk);
    wake?.();
  });
  terminal.onClose(() => {
    closed = true;
    wake?.();
  });
  const deadline = Date.now() + timeoutMs;
  const waitFor = async <T>(decide: () => T | undefined): Promise<T | 'timeout' | 'closed'> => {
    for (;;) {
      const decided = decide();
      if (decided !== undefined) return decided;
      if (closed) return 'closed';
      const left = deadline - Date.now();
      if (left <= 0) return 'timeout';
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  };
  const send = (value: string): void => {
    transcript?.sent(`${value}\n`);
    text = '';
    terminal.write(`${value}\r\n`);
  };
  const silent = (what: string): TelnetLoginResult => ({ kind: 'no-answer', message: `The device ${closed ? 'closed the connection' : `did not answer within ${Math.round(timeoutMs / 1000)} s`} ${what}. Check that it runs a Telnet login there.` });

  const first = await waitFor(() => (PASSWORD_PROMPT.test(text) ? 'password' : USER_PROMPT.test(text) ? 'user' : undefined));
  if (first === 'timeout' || first === 'closed') return silent('before asking for a user name or password');
  if (first === 'user') {
    send(username);
    const asked = await waitFor(() => (PASSWORD_PROMPT.test(text) ? true : undefined));
    if (asked !== true) return silent('after the user name, before asking for the password');
  }
  sincePassword = [];
  send(password);
  const answer = await waitFor(() => {
    if (FAILURE_LINE.test(text) || USER_PROMPT.test(text) || PASSWORD_PROMPT.test(text)) return 'rejected' as const;
    return SHELL_PROMPT.test(text) ? ('accepted' as const) : undefined;
  });
  const replay = sincePassword;
  sincePassword = null;
  terminal.detach(replay);
  if (answer === 'accepted') return { kind: 'accepted' };
  if (answer === 'rejected' || (answer === 'closed' && FAILURE_LINE.test(text))) return { kind: 'rejected', message: `The device refused the login of ${username} over Telnet: wrong user name or password.` };
  return silent('after the password, neither accepting nor refusing it');
}
