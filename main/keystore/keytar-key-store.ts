import { randomBytes } from 'node:crypto';
import type * as KeytarModule from 'keytar';
import type { KeyStore, KeyStoreAvailability } from './key-store';
import { KeyStoreError } from './key-store';
import { withTimeout } from './with-timeout';

export const KEYTAR_SERVICE = 'pamdesk';
const DEFAULT_TIMEOUT_MS = 5_000;

const NO_KEYCHAIN_HELP =
  'No OS keychain answered. On Linux, install and unlock a Secret Service provider ' +
  '(gnome-keyring or KWallet) in your desktop session; on macOS/Windows the system keychain must be reachable. ' +
  'Until then, unlock with your passphrase: pamdesk never stores the key in plaintext instead.';

type Keytar = typeof KeytarModule;

export interface KeytarKeyStoreOptions {
  readonly service?: string;
  /** How long to wait for the keychain before calling it unavailable (a locked keyring may prompt forever). */
  readonly timeoutMs?: number;
}

/**
 * KeyStore over keytar (libsecret / Keychain / Credential Manager). keytar connects to the session
 * bus when loaded, so it is imported lazily on first use; a missing native library then reads as
 * "unavailable" rather than crashing the app at startup.
 */
export function createKeytarKeyStore(options: KeytarKeyStoreOptions = {}): KeyStore {
  const service = options.service ?? KEYTAR_SERVICE;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let keytar: Promise<Keytar> | undefined;

  const call = async <T>(what: string, operation: (api: Keytar) => Promise<T>): Promise<T> => {
    keytar ??= import('keytar').then((module) => (module as { default?: Keytar }).default ?? module);
    try {
      return await withTimeout(
        keytar.then(operation),
        timeoutMs,
        () => new KeyStoreError('timeout', `The OS keychain did not answer within ${timeoutMs} ms while trying to ${what}; it may be locked or hung. ${NO_KEYCHAIN_HELP}`),
      );
    } catch (error) {
      if (error instanceof KeyStoreError) throw error;
      throw new KeyStoreError('unavailable', `Could not ${what} in the OS keychain (${describe(error)}). ${NO_KEYCHAIN_HELP}`, { cause: error });
    }
  };

  const store: KeyStore = {
    async isAvailable(): Promise<KeyStoreAvailability> {
      // A real round trip: some setups answer lookups but fail on writes (e.g. a locked collection).
      const account = `availability-probe-${randomBytes(8).toString('hex')}`;
      const probe = randomBytes(16).toString('base64');
      try {
        await call('store a probe entry', (api) => api.setPassword(service, account, probe));
        const back = await call('read a probe entry', (api) => api.getPassword(service, account));
        await call('delete a probe entry', (api) => api.deletePassword(service, account));
        if (back !== probe) {
          return { available: false, reason: `The OS keychain returned a different value than was stored. ${NO_KEYCHAIN_HELP}` };
        }
        return { available: true };
      } catch (error) {
        return { available: false, reason: error instanceof Error ? error.message : String(error) };
      }
    },

    async set(account, secret) {
      assertAccount(account);
      await call('store a key', (api) => api.setPassword(service, account, secret.toString('base64')));
    },

    async get(account) {
      assertAccount(account);
      const stored = await call('read a key', (api) => api.getPassword(service, account));
      if (stored === null) return null;
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(stored)) {
        throw new KeyStoreError('corrupt-entry', `The keychain entry "${account}" of service "${service}" is not one pamdesk wrote; delete it and remember this device again.`);
      }
      return Buffer.from(stored, 'base64');
    },

    async delete(account) {
      assertAccount(account);
      return call('delete a key', (api) => api.deletePassword(service, account));
    },
  };
  return store;
}

function assertAccount(account: string): void {
  if (account.trim() === '') throw new Error('A keychain account name is required.');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
