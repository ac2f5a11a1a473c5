import { openConnection } from './open-connection';
import { DEFAULT_TIMEOUTS, type LoginOutcome, type SshAuth, type SshTarget } from './ssh-types';

export interface SshConnection {
  readonly target: SshTarget;
  readonly auth: SshAuth;
  readonly connectTimeoutMs?: number;
  readonly loginTimeoutMs?: number;
}

/**
 * A fresh login with a credential, then hang up: proves which secret a device accepts (after a
 * change, and when recovering an interrupted rotation). Only 'accepted' and 'rejected' are answers
 * about the credential; 'unreachable' and the host-key outcomes mean nothing was learned (and for
 * host keys, nothing was sent).
 */
export async function tryLogin(connection: SshConnection): Promise<LoginOutcome> {
  const outcome = await openConnection(connection.target, connection.auth, {
    connectTimeoutMs: connection.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectTimeoutMs,
    loginTimeoutMs: connection.loginTimeoutMs,
  });
  if (outcome.ok) {
    outcome.client.end();
    return 'accepted';
  }
  switch (outcome.failure.kind) {
    case 'auth-failed':
      return 'rejected';
    case 'host-key-changed':
      return 'host-key-mismatch';
    case 'host-key-untrusted':
      return 'host-key-untrusted';
    default:
      return 'unreachable';
  }
}
