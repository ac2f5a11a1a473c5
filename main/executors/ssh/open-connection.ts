import type { Client as SshClient } from 'ssh2';
import { Client, utils } from './ssh2-module';
import { authHandlerFor } from './auth-methods';
import { seconds } from './format-seconds';
import { fingerprintOfHostKey } from './host-key-fingerprint';
import type { SshAuth, SshFailure, SshTarget } from './ssh-types';

export type ConnectOutcome =
  | { readonly ok: true; readonly client: SshClient; readonly fingerprint: string }
  | { readonly ok: false; readonly failure: SshFailure };

export interface ConnectOptions {
  /** TCP connect plus SSH key exchange, up to the host key check (template set-connect-timeout). */
  readonly connectTimeoutMs: number;
  /**
   * Authentication after the host key check. Separate from the connect timeout because a server
   * delays each rejected password (pam_unix: 2 s, tried as password then keyboard-interactive):
   * with one budget, a wrong password could look like an unreachable host.
   */
  readonly loginTimeoutMs?: number;
  /** Receives the server's pre-authentication banner, if any. */
  readonly onBanner?: (text: string) => void;
}

export const DEFAULT_LOGIN_TIMEOUT_MS = 15_000;

interface SshError extends Error {
  readonly level?: string;
  readonly code?: string;
}

/**
 * Connects, checks the host key against the pinned fingerprint, then authenticates.
 *
 * The host key check runs in ssh2's hostVerifier, which is called during key exchange, before any
 * authentication request exists: when it answers false ssh2 disconnects, so a changed or
 * untrusted key means no password, key signature or even user name leaves this process. A device
 * without a pinned key is refused too (never trust on first use silently); the failure carries the
 * presented fingerprint so a person can trust it explicitly.
 */
export function openConnection(target: SshTarget, auth: SshAuth, options: ConnectOptions): Promise<ConnectOutcome> {
  if ('privateKey' in auth) {
    // ssh2 would silently skip a key it cannot parse and report a plain auth failure; say why instead.
    const parsed = utils.parseKey(auth.privateKey, auth.passphrase);
    if (parsed instanceof Error) {
      const hint = auth.passphrase === undefined ? 'Is it encrypted and missing its passphrase?' : 'Is the passphrase right?';
      return Promise.resolve({ ok: false, failure: { kind: 'auth-failed', message: `The private key of "${auth.username}" cannot be read (${parsed.message}). ${hint} Nothing was sent.` } });
    }
  }
  const { connectTimeoutMs } = options;
  const loginTimeoutMs = options.loginTimeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS;
  return new Promise((resolve) => {
    const client = new Client();
    const where = `${target.host}:${target.port}`;
    let presented: string | undefined;
    let hostKeyVerdict: 'accepted' | 'changed' | 'untrusted' | undefined;
    let settled = false;
    let timer: NodeJS.Timeout;

    const settle = (outcome: ConnectOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.removeListener('error', onError);
      client.removeListener('close', onClose);
      // Late socket errors must not crash the process; whoever uses the client adds its own listener.
      client.on('error', () => undefined);
      if (!outcome.ok) client.end();
      resolve(outcome);
    };
    const fail = (failure: SshFailure): void => settle({ ok: false, failure });

    const hostKeyFailure = (): SshFailure => {
      const fingerprint = presented === undefined ? {} : { presentedFingerprint: presented };
      return hostKeyVerdict === 'untrusted'
        ? {
            kind: 'host-key-untrusted',
            message: `The host key of ${where} is not trusted yet: the server presented ${presented ?? '?'}. Compare it with the fingerprint from the device's administrator (ssh-keygen -lf on the device), trust it explicitly on the device, then retry. Nothing was sent.`,
            ...fingerprint,
          }
        : {
            kind: 'host-key-changed',
            message: `Host key changed for ${where}: the device is pinned to ${target.pinnedFingerprint ?? '?'} but the server presented ${presented ?? '?'}. No credential was sent. If the device was reinstalled, check the new key with its administrator and trust it explicitly; otherwise someone may be intercepting the connection.`,
            ...fingerprint,
          };
    };

    const onError = (error: SshError): void => {
      if (hostKeyVerdict === 'changed' || hostKeyVerdict === 'untrusted') {
        fail(hostKeyFailure());
      } else if (error.level === 'client-authentication') {
        fail({ kind: 'auth-failed', message: `${where} rejected the credential of "${auth.username}" (every authentication method it offered failed). Check the user name and secret in the vault.` });
      } else {
        const code = error.code === undefined ? '' : ` (${error.code})`;
        fail(unreachable(`Could not connect to ${where}${code}: ${error.message}. Check the host, the port and the network path.`));
      }
    };
    const onClose = (): void => fail(unreachable(`${where} closed the connection before the login finished.`));

    timer = setTimeout(
      () => fail(unreachable(`${where} did not complete the SSH handshake within ${seconds(connectTimeoutMs)}. Check that the host is up and this is its SSH port, or raise the connect timeout.`)),
      connectTimeoutMs,
    );
    client.on('error', onError);
    client.on('close', onClose);
    client.on('banner', (text: string) => options.onBanner?.(text));
    client.on('ready', () => settle({ ok: true, client, fingerprint: presented ?? '' }));
    client.connect({
      host: target.host,
      port: target.port,
      username: auth.username,
      // Our own two timers decide; ssh2's single readyTimeout is only a backstop behind them.
      readyTimeout: connectTimeoutMs + loginTimeoutMs + 1_000,
      hostVerifier: (key: Buffer) => {
        presented = fingerprintOfHostKey(key);
        hostKeyVerdict = target.pinnedFingerprint === null ? 'untrusted' : presented === target.pinnedFingerprint ? 'accepted' : 'changed';
        if (hostKeyVerdict === 'accepted') {
          clearTimeout(timer);
          timer = setTimeout(
            () => fail(unreachable(`${where} did not finish the login of "${auth.username}" within ${seconds(loginTimeoutMs)} after the handshake; whether it accepts the credential is unknown.`)),
            loginTimeoutMs,
          );
        }
        return hostKeyVerdict === 'accepted';
      },
      authHandler: authHandlerFor(auth),
    });
  });
}

function unreachable(message: string): SshFailure {
  return { kind: 'unreachable', message };
}
