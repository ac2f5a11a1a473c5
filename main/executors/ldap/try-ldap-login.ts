import { InvalidCredentialsError } from 'ldapts';
import { DEFAULT_TIMEOUTS, type LoginOutcome, type SshAuth, type SshTarget } from '../ssh/ssh-types';
import { openLdapConnection } from './ldap-connection';

/**
 * A fresh bind as the account, then unbind: proves which password the directory accepts (after a
 * change, for verify, when recovering). The username is what the directory binds: a DN
 * (uid=alice,ou=people,dc=example,dc=org) or, for Active Directory, alice@corp.example.com or
 * CORP\alice. The certificate is checked against the pin first, as for a run.
 */
export async function tryLdapLogin(target: SshTarget, auth: SshAuth, options: { readonly connectTimeoutMs?: number }): Promise<LoginOutcome> {
  if (!('password' in auth) || auth.password === '') return 'rejected';
  const timeout = options.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectTimeoutMs;
  const connection = await openLdapConnection(target, { connectTimeoutMs: timeout, operationTimeoutMs: timeout });
  if (!connection.ok) {
    switch (connection.failure.kind) {
      case 'host-key-changed':
        return 'host-key-mismatch';
      case 'host-key-untrusted':
        return 'host-key-untrusted';
      default:
        return 'unreachable';
    }
  }
  try {
    await connection.client.bind(auth.username, auth.password);
    return 'accepted';
  } catch (error) {
    return error instanceof InvalidCredentialsError ? 'rejected' : 'unreachable';
  } finally {
    await connection.client.unbind().catch(() => undefined);
  }
}
