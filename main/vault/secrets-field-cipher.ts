import { AppFailure } from '../../shared/errors';
import { createAesFieldCipher, type DisposableFieldCipher } from './aes-field-cipher';
import { FieldCipherError } from './field-cipher-error';

export const NO_SECRETS_KEY_MESSAGE =
  'Your role cannot decrypt secrets: the vault gives approvers and auditors its records but not the key to passwords, private keys or candidates. Ask an administrator or operator to do this.';

/**
 * The field cipher for secrets in an open vault. It holds the secrets key only while a user whose
 * role may decrypt secrets is signed in (an auditor alone in the host has none); without it every
 * seal and open is refused in the user's words, never attempted with another key.
 */
export interface SecretsFieldCipher extends DisposableFieldCipher {
  readonly holdsSecrets: boolean;
  /** Takes a copy of a secrets field key (a secret-holding user signed in); the caller zeroes its own. */
  attach(fieldKey: Buffer): void;
  /** Drops the key (the last secret-holding session ended). */
  detach(): void;
}

export function createSecretsFieldCipher(fieldKey: Buffer | null): SecretsFieldCipher {
  let inner: DisposableFieldCipher | null = fieldKey === null ? null : createAesFieldCipher(fieldKey);
  let disposed = false;
  const use = (): DisposableFieldCipher => {
    // Locked is not a matter of role: say so, as the plain field cipher does.
    if (disposed) throw new FieldCipherError('disposed', 'The vault is locked: unlock it before reading or writing secrets.');
    if (inner === null) throw new AppFailure('FORBIDDEN', NO_SECRETS_KEY_MESSAGE);
    return inner;
  };
  return {
    get holdsSecrets() {
      return inner !== null;
    },
    seal: (plaintext, at) => use().seal(plaintext, at),
    open: (sealed, at) => use().open(sealed, at),
    attach(key) {
      inner?.dispose();
      inner = createAesFieldCipher(key);
    },
    detach() {
      inner?.dispose();
      inner = null;
    },
    dispose() {
      disposed = true;
      inner?.dispose();
      inner = null;
    },
  };
}
