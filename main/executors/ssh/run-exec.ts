import { openConnection } from './open-connection';
import { DEFAULT_TIMEOUTS, type SshAuth, type SshFailure, type SshTarget } from './ssh-types';

export interface ExecOptions {
  /** Written to the command's standard input, which is then closed. */
  readonly stdin?: string;
  readonly connectTimeoutMs?: number;
  readonly loginTimeoutMs?: number;
  /** Longest the command may run; it is then abandoned and the connection closed. */
  readonly timeoutMs?: number;
}

export type ExecResult =
  | { readonly ok: true; readonly exitCode: number | null; readonly signal: string | null; readonly stdout: string; readonly stderr: string }
  | { readonly ok: false; readonly failure: SshFailure };

/**
 * Runs one command over an exec channel (no PTY, no prompts): for work that is not a dialogue,
 * such as appending a public key to authorized_keys with the key on stdin rather than on the command
 * line. The caller owns stdout/stderr: they are not masked here, so do not log them blindly.
 */
export async function runExec(target: SshTarget, auth: SshAuth, command: string, options: ExecOptions = {}): Promise<ExecResult> {
  const connection = await openConnection(target, auth, {
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectTimeoutMs,
    loginTimeoutMs: options.loginTimeoutMs,
  });
  if (!connection.ok) return connection;
  const { client } = connection;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise<ExecResult>((resolve) => {
    let settled = false;
    const settle = (result: ExecResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.end();
      resolve(result);
    };
    const timer = setTimeout(
      () => settle({ ok: false, failure: { kind: 'timeout', message: `The command on ${target.host}:${target.port} did not finish within ${timeoutMs} ms; it was abandoned.` } }),
      timeoutMs,
    );
    client.on('error', (error: Error) => settle({ ok: false, failure: { kind: 'connection-closed', message: `The connection to ${target.host}:${target.port} failed during the command: ${error.message}.` } }));
    client.exec(command, (error, channel) => {
      if (error) {
        settle({ ok: false, failure: { kind: 'invalid-step', message: `${target.host}:${target.port} refused to run a command: ${error.message}.` } });
        return;
      }
      let stdout = '';
      let stderr = '';
      let exitCode: number | null = null;
      let signal: string | null = null;
      channel.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      channel.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      channel.on('exit', (code: number | null, signalName?: string) => {
        exitCode = code;
        signal = signalName ?? null;
      });
      channel.on('close', () => settle({ ok: true, exitCode, signal, stdout, stderr }));
      channel.end(options.stdin ?? '');
    });
  });
}
