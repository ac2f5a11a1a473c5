import { chmod, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely } from 'kysely';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect';
import { withStatementCache } from './statement-cache';
import { MIGRATIONS } from '../migrations/registry';
import type { Migration } from '../migration';
import { runMigrations } from '../migrations/run-migrations';
import { VaultDatabaseError } from './vault-database-error';
import { holdVaultPresence, type VaultPresence } from './vault-presence';
import type { VaultDatabase } from './vault-schema';

export const DATABASE_FILE_NAME = 'vault.db';
const BUSY_TIMEOUT_MS = 5_000;

export interface OpenVaultDatabaseOptions {
  /** 'create' refuses an existing file; 'open' refuses a missing one. */
  readonly mode: 'create' | 'open';
  /** Defaults to every registered migration; tests pass a prefix to build older vaults. */
  readonly migrations?: readonly Migration[];
}

export interface VaultDatabaseHandle {
  readonly db: Kysely<VaultDatabase>;
  /** The underlying driver, for pragmas and tests; application code goes through `db`. */
  readonly driver: Database.Database;
  readonly path: string;
  /** This connection counted as having the vault open, until close (a key rotation needs it alone). */
  readonly presence: VaultPresence;
  close(): Promise<void>;
}

/**
 * Opens <dataDir>/vault.db, encrypted as a whole with the SQLCipher v4 scheme under the raw
 * 256-bit database key, and applies pending migrations.
 */
export async function openVaultDatabase(
  dataDir: string,
  databaseKey: Buffer,
  options: OpenVaultDatabaseOptions,
): Promise<VaultDatabaseHandle> {
  const path = join(dataDir, DATABASE_FILE_NAME);
  const present = existsSync(path);
  if (options.mode === 'create' && present) {
    throw new VaultDatabaseError('database-exists', `${path} already exists; open it instead, or choose an empty data directory.`);
  }
  if (options.mode === 'open' && !present) {
    throw new VaultDatabaseError('no-database', `No vault database at ${path}: create a vault first, or point pamdesk at the right data directory.`);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  // First: while another process rotates the keys, this waits rather than open the file it replaces.
  const presence = holdVaultPresence(dataDir);
  let driver: Database.Database;
  try {
    driver = new Database(path, { fileMustExist: options.mode === 'open' });
  } catch (error) {
    presence.close();
    throw error;
  }
  try {
    applyKey(driver, databaseKey);
    // -wal and -shm inherit the main file's permissions.
    await chmod(path, 0o600);
    driver.pragma('journal_mode = WAL');
    // FULL: a promoted credential must survive a power cut (rotation must never lose a secret).
    driver.pragma('synchronous = FULL');
    driver.pragma('foreign_keys = ON');
    driver.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Every page read from disk is decrypted; a 64 MiB page cache keeps a 100,000-credential
    // vault's hot pages decrypted in memory, so searching as one types does not pay it again.
    driver.pragma('cache_size = -65536');
    // Savepoint sub-journals (the group commit gives each attempt's writes one) and sort spills
    // in memory: past 64 KiB they otherwise spill to temporary files, encrypted and written page by
    // page (bench/runner: a quarter of the runner's statement time). Nothing durable is ever in
    // them; crash recovery uses the WAL alone.
    driver.pragma('temp_store = MEMORY');
  } catch (error) {
    driver.close();
    presence.close();
    throw error;
  }

  const db = new Kysely<VaultDatabase>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(driver) }) });
  try {
    await runMigrations(db as unknown as Kysely<unknown>, options.migrations ?? MIGRATIONS);
  } catch (error) {
    await db.destroy();
    presence.close();
    throw error;
  }
  return {
    db,
    driver,
    path,
    presence,
    async close() {
      try {
        await db.destroy();
      } finally {
        presence.close();
      }
    },
  };
}

/**
 * A bare driver on an encrypted vault file, keyed and checked, without pragmas or migrations: for
 * key rotation's copy and write guard. Application code uses openVaultDatabase.
 */
export function openKeyedDriver(path: string, databaseKey: Buffer): Database.Database {
  const driver = new Database(path, { fileMustExist: true });
  try {
    applyKey(driver, databaseKey);
    driver.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    driver.close();
    throw error;
  }
  return driver;
}

/** Re-encrypts a database opened with openKeyedDriver (rollback-journal mode only) under another raw key. */
export function rekeyDriver(driver: Database.Database, databaseKey: Buffer): void {
  const literal = rawKeyLiteral(databaseKey);
  try {
    driver.rekey(literal);
  } finally {
    literal.fill(0);
  }
}

function applyKey(driver: Database.Database, databaseKey: Buffer): void {
  if (databaseKey.length !== 32) {
    throw new Error(`The database key must be 32 bytes, got ${databaseKey.length}.`);
  }
  driver.pragma("cipher = 'sqlcipher'");
  driver.pragma('legacy = 4');
  // key() with the literal x'<hex>' passes a raw key (no PBKDF2), like PRAGMA key = "x'..'",
  // but through a Buffer we can zero instead of a JS string that lingers in the heap.
  const literal = rawKeyLiteral(databaseKey);
  try {
    driver.key(literal);
  } finally {
    literal.fill(0);
  }
  try {
    driver.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_NOTADB') {
      throw new VaultDatabaseError(
        'wrong-key',
        'The vault database cannot be decrypted with this key: the key file and vault.db do not belong together, or vault.db is damaged. Restore both from the same backup.',
        { cause: error },
      );
    }
    throw error;
  }
}

const HEX = Buffer.from('0123456789abcdef', 'ascii');

function rawKeyLiteral(key: Buffer): Buffer {
  const literal = Buffer.alloc(3 + key.length * 2);
  literal[0] = 0x78; // x
  literal[1] = 0x27; // '
  key.forEach((byte, index) => {
    literal[2 + index * 2] = HEX[byte >> 4] ?? 0;
    literal[3 + index * 2] = HEX[byte & 0x0f] ?? 0;
  });
  literal[literal.length - 1] = 0x27;
  return literal;
}
