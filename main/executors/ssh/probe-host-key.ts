import { Client } from './ssh2-module';
import { fingerprintOfHostKey, keyTypeOfHostKey } from './host-key-fingerprint';
import type { SshFailure } from './ssh-types';

export type HostKeyProbe =
  | { readonly ok: true; readonly fingerprint: string; readonly keyType: string }
  | { readonly ok: false; readonly failure: SshFailure };

/**
 * Asks a server for its host key and hangs up during key exchange, before any authentication: for
 * the trust dialog, which shows the fingerprint to a person who then trusts it (or not). The key
 * is the one ssh2 negotiates, i.e. the one later connections will be checked against.
 */
export function probeHostKey(host: string, port: number, timeoutMs = 5_000): Promise<HostKeyProbe> {
  return new Promise((resolve) => {
    const client = new Client();
    let settled = false;
    const settle = (result: HostKeyProbe): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.end();
      resolve(result);
    };
    const timer = setTimeout(() => settle(unreachable(`${host}:${port} did not show its host key within ${timeoutMs} ms.`)), timeoutMs + 1_000);
    client.on('error', (error: Error & { code?: string }) => settle(unreachable(`Could not read the host key of ${host}:${port}: ${error.message}. Check the host, the port and the network path.`)));
    client.on('close', () => settle(unreachable(`${host}:${port} closed the connection before showing its host key.`)));
    client.connect({
      host,
      port,
      username: 'host-key-probe',
      readyTimeout: timeoutMs,
      hostVerifier: (key: Buffer) => {
        settle({ ok: true, fingerprint: fingerprintOfHostKey(key), keyType: keyTypeOfHostKey(key) });
        return false; // never authenticate: we only wanted the key
      },
    });
  });
}

function unreachable(message: string): HostKeyProbe {
  return { ok: false, failure: { kind: 'unreachable', message } };
}
