import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { UsageError } from './command';

/**
 * Passphrases and typed secrets come from an environment variable or a prompt that does not echo,
 * never from a flag (flags end up in shell history and in `ps`).
 */
export async function readPassphrase(env: NodeJS.ProcessEnv, variable: 'PAMDESK_PASSPHRASE' | 'PAMDESK_NEW_PASSPHRASE' | 'PAMDESK_NEW_SECRET', prompt: string): Promise<string> {
  const fromEnv = env[variable];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return promptWithoutEcho(prompt, variable);
}

async function promptWithoutEcho(prompt: string, variable: string): Promise<string> {
  let input: NodeJS.ReadableStream;
  let output: NodeJS.WritableStream;
  try {
    const reading = createReadStream('/dev/tty');
    const writing = createWriteStream('/dev/tty');
    input = reading;
    output = writing;
    // Both must open: without a terminal each fails on its own, and an unheard failure would crash.
    await Promise.all(
      [reading, writing].map(
        (stream: NodeJS.EventEmitter) =>
          new Promise<void>((resolve, reject) => {
            stream.once('open', () => resolve()).once('error', reject);
          }),
      ),
    ).catch((error: unknown) => {
      reading.destroy();
      writing.destroy();
      throw error;
    });
  } catch {
    throw new UsageError(`no terminal to ask for ${variable === 'PAMDESK_NEW_SECRET' ? 'the new secret' : 'the passphrase'}: set ${variable} in the environment.`);
  }
  output.write(prompt);
  let muted = true;
  const silent = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) output.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input, output: silent, terminal: true });
  try {
    const answer = await new Promise<string>((resolve) => rl.question('', resolve));
    muted = false;
    output.write('\n');
    return answer;
  } finally {
    rl.close();
    (input as ReturnType<typeof createReadStream>).destroy();
  }
}
