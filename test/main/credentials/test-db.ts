import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { MIGRATIONS } from '../../../main/vault/migrations/registry';
import { runMigrations } from '../../../main/vault/migrations/run-migrations';
import type { CredentialsTables } from '../../../main/credentials/credential-tables';
import { createAesFieldCipher } from '../../../main/vault/aes-field-cipher';
import type { CredentialServiceDeps } from '../../../main/credentials/credential-service-deps';

export interface TestVault {
  readonly raw: Database.Database;
  readonly db: Kysely<CredentialsTables>;
  readonly deps: CredentialServiceDeps;
  close(): Promise<void>;
}

/** An unkeyed in-memory SQLite with every migration applied, as the vault would open it. */
export async function openTestVault(): Promise<TestVault> {
  const raw = new Database(':memory:');
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<CredentialsTables>({ dialect: new SqliteDialect({ database: raw }) });
  await runMigrations(db as Kysely<unknown>, MIGRATIONS);
  let tick = Date.parse('2025-01-01T00:00:00.000Z');
  const deps: CredentialServiceDeps = {
    db,
    // The vault's real AES-256-GCM field cipher under a throwaway key.
    cipher: createAesFieldCipher(randomBytes(32)),
    // A clock that moves, so updated_at visibly changes between writes.
    clock: () => new Date((tick += 1000)),
  };
  return { raw, db, deps, close: () => db.destroy() };
}
