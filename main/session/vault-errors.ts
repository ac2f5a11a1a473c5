import { AppFailure } from '../../shared/errors';
import { assertNever } from '../../shared/assert-never';
import { KeyStoreError } from '../keystore/key-store';
import { VaultDatabaseError } from '../vault/database/vault-database-error';
import { VaultKeyError } from '../vault/keys/vault-key-error';

/** Translates the key and database layers' errors into the contract's codes, keeping their messages. */
export function toVaultFailure(error: unknown): unknown {
  if (error instanceof KeyStoreError) return new AppFailure('KEYSTORE_UNAVAILABLE', error.message);
  if (error instanceof VaultDatabaseError) return databaseFailure(error);
  if (!(error instanceof VaultKeyError)) return error;
  switch (error.code) {
    case 'no-vault':
      return new AppFailure('VAULT_ABSENT', error.message);
    case 'vault-exists':
      return new AppFailure('VAULT_EXISTS', error.message);
    case 'bad-credentials':
    case 'stale-device-key':
      return new AppFailure('WRONG_PASSPHRASE', error.message, retryDetails(error));
    case 'throttled':
      return new AppFailure('TOO_MANY_ATTEMPTS', error.message, retryDetails(error));
    case 'locked':
      return new AppFailure('VAULT_LOCKED', error.message);
    case 'slot-exists':
      return new AppFailure('CONFLICT', error.message);
    case 'no-such-slot':
      return new AppFailure('NOT_FOUND', error.message);
    case 'no-secrets-key':
      return new AppFailure('FORBIDDEN', error.message);
    case 'last-slot':
    case 'legacy-slot':
    case 'corrupt-key-file':
      return new AppFailure('CONFLICT', error.message);
    default:
      return assertNever(error.code, 'vault key error');
  }
}

/**
 * A vault database that cannot be opened as it is: its own message says why and what to do (update
 * pamdesk, it comes from another build, a migration was rolled back). Told as is rather than as an
 * internal error, because the operator is the one who can act on it.
 */
function databaseFailure(error: VaultDatabaseError): AppFailure {
  switch (error.code) {
    case 'no-database':
      return new AppFailure('VAULT_ABSENT', error.message);
    case 'database-exists':
      return new AppFailure('VAULT_EXISTS', error.message);
    case 'wrong-key':
      return new AppFailure('WRONG_PASSPHRASE', error.message);
    case 'in-use':
      return new AppFailure('CONFLICT', error.message, { blockedBy: ANOTHER_PROCESS });
    case 'newer-schema':
    case 'migration-mismatch':
    case 'rotating':
      return new AppFailure('CONFLICT', error.message);
    case 'migration-failed':
      return new AppFailure('INTERNAL', error.message);
    default:
      return assertNever(error.code, 'vault database error');
  }
}

function retryDetails(error: VaultKeyError): Readonly<Record<string, unknown>> | undefined {
  return error.retryAfterMs > 0 ? { retryAfterMs: error.retryAfterMs } : undefined;
}

const ANOTHER_PROCESS = 'another-process';

/** A key rotation refused because another pamdesk process has the vault open (nothing changed). */
export function isRotationBlockedByAnotherProcess(error: unknown): error is AppFailure {
  return error instanceof AppFailure && error.details?.['blockedBy'] === ANOTHER_PROCESS;
}

/** Runs a key-layer call and rethrows its errors as contract failures. */
export async function translatingVaultErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toVaultFailure(error);
  }
}
