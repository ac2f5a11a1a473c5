import type { KeyObject } from 'node:crypto';
import { normalizeUsername } from '../vault/keys/slot-id';
import { signAuditHash } from './audit-signing';
import { perVaultBinding, type KyselyHandle } from './per-vault-binding';

export interface AuditSignature {
  readonly signer: string;
  readonly signature: string;
}

/**
 * The signing keys of the users signed in to one open vault. An entry is signed by its actor's
 * own key; an entry by 'system' (the runner, locks, expiries) by the key of the user whose session
 * opened the vault and so runs the core. The keys live only as long as the vault is open.
 */
export class AuditSigners {
  readonly #keys = new Map<string, { readonly username: string; readonly privateKey: KeyObject }>();
  #system: string | undefined;

  /** Adds a signed-in user's key; the first user added (the one who opened the vault) also signs for 'system'. */
  add(username: string, privateKey: KeyObject): void {
    const key = normalizeUsername(username);
    this.#keys.set(key, { username, privateKey });
    this.#system ??= key;
  }

  /** Drops a user's key at sign-out, unless it is the one signing for 'system' (kept until lock). */
  remove(username: string): void {
    const key = normalizeUsername(username);
    if (key !== this.#system) this.#keys.delete(key);
  }

  has(username: string): boolean {
    return this.#keys.has(normalizeUsername(username));
  }

  privateKeyOf(username: string): KeyObject | undefined {
    return this.#keys.get(normalizeUsername(username))?.privateKey;
  }

  sign(actor: string, hash: string): AuditSignature {
    const own = actor === 'system' ? this.#system : normalizeUsername(actor);
    const entry = own === undefined ? undefined : this.#keys.get(own);
    if (entry === undefined) {
      // Fail closed: an unsigned entry would read as tampering, and a change must not happen unaudited.
      throw new Error(`The audit entry for "${actor}" cannot be signed: that user's signing key is not open. Sign in again and retry.`);
    }
    return { signer: entry.username, signature: signAuditHash(entry.privateKey, entry.username, hash) };
  }

  clear(): void {
    this.#keys.clear();
    this.#system = undefined;
  }
}

// Bound to the vault's database (per-vault-binding.ts): appendAudit finds the signers from whatever
// handle its caller holds, without every call site (runner, bulk, import, credentials) threading them.
const signersOfVault = perVaultBinding<AuditSigners>();

export function bindAuditSigners(db: KyselyHandle, signers: AuditSigners): void {
  signersOfVault.bind(db, signers);
}

/** The signers of an open vault's database; undefined for a bare database (unit tests), whose entries stay unsigned. */
export function auditSignersOf(db: KyselyHandle): AuditSigners | undefined {
  return signersOfVault.of(db);
}
