import type { AnyAuthMethod, AuthHandlerMiddleware } from 'ssh2';
import type { SshAuth } from './ssh-types';

/**
 * ssh2's authHandler for one credential. A password is tried as "password", then as
 * "keyboard-interactive" (hosts with PasswordAuthentication off but PAM prompts on), answering
 * every hidden prompt with the password. A private key is tried as "publickey" only. Methods the
 * server did not offer are skipped, and the "none" probe is never sent.
 */
export function authHandlerFor(auth: SshAuth): AuthHandlerMiddleware {
  const queue: AnyAuthMethod[] =
    'password' in auth
      ? [
          { type: 'password', username: auth.username, password: auth.password },
          {
            type: 'keyboard-interactive',
            username: auth.username,
            // Echoed prompts ask for something visible (a user name, a menu choice), never the password.
            prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map((p) => (p.echo === true ? '' : auth.password))),
          },
        ]
      : [{ type: 'publickey', username: auth.username, key: auth.privateKey, ...(auth.passphrase === undefined ? {} : { passphrase: auth.passphrase }) }];
  return (methodsLeft, _partialSuccess, next) => {
    // methodsLeft is null before the first attempt (the typings say otherwise).
    const offered = methodsLeft as readonly string[] | null;
    for (let method = queue.shift(); method !== undefined; method = queue.shift()) {
      if (offered === null || offered.includes(method.type)) {
        next(method);
        return;
      }
    }
    // ssh2 reads `false` as "no more methods" and fails with level 'client-authentication'.
    (next as unknown as (method: false) => void)(false);
  };
}

/** The values that must never appear in a transcript or a message because of this credential. */
export function authSecrets(auth: SshAuth): string[] {
  if ('password' in auth) return [auth.password];
  return auth.passphrase === undefined ? [] : [auth.passphrase];
}
