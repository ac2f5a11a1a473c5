import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { VaultDatabaseError } from './vault-database-error';

/**
 * Which pamdesk processes have the vault open, told by SQLite's own file locks on an empty
 * database beside vault.db (no data, no key): every open vault holds a read transaction on it, so a
 * SHARED lock, for as long as it is open; a key rotation must be alone, so it takes the EXCLUSIVE
 * lock, which SQLite grants only when nobody else holds one. The OS drops a dead process's locks,
 * so a crash never leaves the vault marked in use. Without this, another process kept writing to
 * the file a rotation had replaced, and every one of those writes (a promoted password included)
 * was lost.
 */
export const PRESENCE_FILE_NAME = 'vault.presence';

/** How long an open waits for a rotation by another process to finish before it says so. */
const WAIT_FOR_ROTATION_MS = 30_000;

export interface VaultPresence {
  /** Stops counting this connection as having the vault open (for a rotation, or at close). */
  release(): void;
  /** Counts it again (a rotation that did not go through, on the database it kept). */
  hold(): void;
  close(): void;
}

/** Marks the vault open by this connection; waits for a rotation by another process, then says so. */
export function holdVaultPresence(dataDir: string, waitMs = WAIT_FOR_ROTATION_MS): VaultPresence {
  const driver = presenceDriver(dataDir, waitMs);
  let held = false;
  const presence: VaultPresence = {
    hold() {
      if (held) return;
      try {
        driver.exec('BEGIN');
        driver.prepare('SELECT count(*) FROM sqlite_master').get();
        held = true;
      } catch (error) {
        if (driver.inTransaction) driver.exec('ROLLBACK');
        if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
          throw new VaultDatabaseError('rotating', 'Another pamdesk process is rotating this vault\'s keys: wait until it has finished, then open the vault again.', { cause: error });
        }
        throw error;
      }
    },
    release() {
      if (!held) return;
      driver.exec('COMMIT');
      held = false;
    },
    close() {
      presence.release();
      driver.close();
    },
  };
  try {
    presence.hold();
  } catch (error) {
    driver.close();
    throw error;
  }
  return presence;
}

export interface SolePresence {
  release(): void;
}

/**
 * The vault held by this connection alone, for a key rotation: refused at once (VaultDatabaseError
 * 'in-use') while any other connection, in this process or another, has it open. Call after
 * releasing this connection's own presence. Held until release(); opens wait meanwhile.
 */
export function claimSolePresence(dataDir: string): SolePresence {
  const driver = presenceDriver(dataDir, 0);
  try {
    driver.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    driver.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new VaultDatabaseError(
        'in-use',
        'Another pamdesk process (the desktop app, a headless host or the CLI) has this vault open, and would keep writing to the old file after the keys change: close it, then rotate the keys again.',
        { cause: error },
      );
    }
    throw error;
  }
  return {
    release() {
      if (!driver.open) return;
      driver.exec('ROLLBACK');
      driver.close();
    },
  };
}

/** Rollback-journal mode: only there does a reader's SHARED lock keep an EXCLUSIVE one out. */
function presenceDriver(dataDir: string, timeoutMs: number): Database.Database {
  const driver = new Database(join(dataDir, PRESENCE_FILE_NAME), { timeout: timeoutMs });
  try {
    if (String(driver.pragma('journal_mode', { simple: true })).toLowerCase() !== 'delete') driver.pragma('journal_mode = DELETE');
  } catch (error) {
    driver.close();
    throw error;
  }
  return driver;
}
