import { connect } from 'node:net';
import { TelnetNegotiator } from '../../main/executors/telnet/telnet-negotiator';

/** Longer than any healthy dialogue on a loaded machine; only a stuck floor run reaches it. */
const STUCK_MS = 60_000;
/** A shell prompt, possibly followed by terminal escape sequences (bash's bracketed paste). */
const PROMPT_END = '[$#] (?:\\u001b\\[[0-9;?]*[A-Za-z])*$';
const SHELL_PROMPT = new RegExp(PROMPT_END);
const PROMPT_AFTER_UPDATE = new RegExp(`updated successfully[\\s\\S]*${PROMPT_END}`);
const REFUSED = /Login incorrect|Authentication token manipulation error|password unchanged/;

/** Answers in order: when the output so far matches the pattern, the line is typed (CR LF). */
type Dialogue = readonly (readonly [RegExp, string | null])[];

/**
 * One Telnet session with nothing but a socket and the protocol's negotiation (RFC 854 options,
 * the one Telnet layer there is here): each step waits for its pattern and types its line (none when
 * null); after the last step it hangs up at once, as pamdesk's `end` does. Rejects on a refusal, an early close or after STUCK_MS.
 */
function converse(host: string, port: number, what: string, dialogue: Dialogue): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    const negotiator = new TelnetNegotiator((bytes) => socket.write(bytes));
    const steps = [...dialogue];
    let output = '';
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => finish(new Error(`floor: ${what} did not finish within ${STUCK_MS} ms; output ended ${JSON.stringify(output.slice(-200))}`)), STUCK_MS);
    socket.on('data', (chunk: Buffer) => {
      output += negotiator.receive(chunk).toString('utf8');
      if (REFUSED.test(output)) return finish(new Error(`floor: ${what} was refused: ${JSON.stringify(output.slice(-200))}`));
      const step = steps[0];
      if (step === undefined || !step[0].test(output)) return;
      steps.shift();
      output = '';
      if (step[1] !== null) socket.write(negotiator.encode(`${step[1]}\r\n`));
      if (steps.length === 0) finish();
    });
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new Error(`floor: ${what}: the server closed the session early; output ended ${JSON.stringify(output.slice(-200))}`)));
  });
}

/** The Telnet floor: log in at login's prompts, run passwd answering its three prompts, then log in afresh. */
export async function bareTelnetRotation(host: string, port: number, username: string, current: string, next: string): Promise<void> {
  await converse(host, port, `passwd for ${username}`, [
    [/login: $/, username],
    [/assword: ?$/, current],
    [SHELL_PROMPT, 'LC_ALL=C passwd'],
    [/urrent password: ?$/, current],
    [/ew password: ?$/, next],
    [/etype new password: ?$/, next],
    [PROMPT_AFTER_UPDATE, 'exit'],
  ]);
  await converse(host, port, `fresh login of ${username}`, [
    [/login: $/, username],
    [/assword: ?$/, next],
    [SHELL_PROMPT, null],
  ]);
}
