import { Client } from '../../main/executors/ssh/ssh2-module';

/** Longer than any healthy rotation on a loaded machine; only a stuck floor run reaches it. */
const STUCK_MS = 60_000;

/**
 * The floor: what one rotation costs with nothing but ssh2: log in, run passwd in a PTY answering
 * its three prompts, then log in afresh with the new password. No vault, no template, no runner.
 */
export async function bareRotation(host: string, port: number, username: string, current: string, next: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const client = new Client();
    const timer = setTimeout(() => fail(new Error(`floor: passwd for ${username} did not finish within ${STUCK_MS} ms`)), STUCK_MS);
    let updated = false;
    function fail(error: Error): void {
      if (updated) return;
      clearTimeout(timer);
      client.end();
      reject(error);
    }
    client.on('error', fail);
    client.on('ready', () => {
      client.shell({ term: 'vt100' }, (error, stream) => {
        if (error) return fail(error);
        let output = '';
        const answers: [RegExp, string][] = [
          [/urrent password:\s*$/, current],
          [/ew password:\s*$/, next],
          [/etype new password:\s*$/, next],
        ];
        stream.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const [pattern, answer] = answers[0] ?? [];
          if (pattern && answer !== undefined && pattern.test(output)) {
            answers.shift();
            output = '';
            stream.write(`${answer}\n`);
          } else if (answers.length === 0 && /updated successfully/.test(output)) {
            // Hang up at once, as pamdesk's `end` does: waiting for the shell to log out is no part of the change.
            updated = true;
            clearTimeout(timer);
            stream.end('exit\n');
            client.end();
            resolve();
          }
        });
        stream.on('close', () => {
          if (updated) return;
          fail(new Error(`floor: passwd for ${username} did not report success; its output ended with ${JSON.stringify(output.slice(-200))}`));
        });
        stream.write('LC_ALL=C passwd\n');
      });
    });
    client.connect({ host, port, username, password: current, readyTimeout: 20_000 });
  });
  await new Promise<void>((resolve, reject) => {
    const client = new Client();
    client.on('ready', () => {
      client.end();
      resolve();
    });
    client.on('error', reject);
    client.connect({ host, port, username, password: next, readyTimeout: 20_000 });
  });
}
