import type { Client, ClientChannel } from 'ssh2';
import type { SshFailure } from './ssh-types';

/**
 * Templates talk to an interactive login shell, the way a person at a terminal would: prompts,
 * passwd and sudo need a PTY. vt100 is what Segura-style templates expect; 200 columns keep the
 * echo of long commands on one line (see shell-output.ts), 50 rows avoid most pagers.
 */
export const PTY = { term: 'vt100', cols: 200, rows: 50, width: 0, height: 0 } as const;

export function openShell(client: Client, timeoutMs: number): Promise<{ ok: true; channel: ClientChannel } | { ok: false; failure: SshFailure }> {
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => resolve({ ok: false, failure: { kind: 'unreachable', message: `The device did not open a shell within ${timeoutMs} ms after login. Check that the account may open an interactive session.` } }),
      timeoutMs,
    );
    client.shell({ ...PTY }, (error, channel) => {
      clearTimeout(timer);
      if (error) {
        resolve({ ok: false, failure: { kind: 'invalid-step', message: `The device refused an interactive shell with a terminal: ${error.message}. Check that the account has a shell and may get a PTY.` } });
      } else {
        resolve({ ok: true, channel });
      }
    });
  });
}
