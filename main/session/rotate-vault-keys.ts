import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import type { AuditShell } from '../audit/audit-entry';
import { appendAudit } from '../audit/append-audit';
import { bindAuditSigners } from '../audit/audit-signers';
import { createAesFieldCipher } from '../vault/aes-field-cipher';
import { ImmediateSqliteDialect } from '../vault/database/immediate-sqlite-dialect';
import { DATABASE_FILE_NAME, openKeyedDriver, openVaultDatabase, rekeyDriver, type VaultDatabaseHandle } from '../vault/database/open-vault-database';
import { claimSolePresence, type SolePresence } from '../vault/database/vault-presence';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { dropOlderGenerations } from '../vault/keys/finish-rotation';
import { sealEnvelope } from '../vault/keys/generation-envelope';
import { readKeyFile, syncDirectory, writeKeyFile } from '../vault/keys/key-file';
import { withKeyFileLock } from '../vault/keys/key-file-lock';
import { databaseKeyOf, metadataFieldKeyOf, newKeyGeneration, secretsFieldKeyOf, withoutSecrets, zeroGeneration, type KeyGeneration } from '../vault/keys/key-generation';
import { slotIdFor } from '../vault/keys/slot-id';
import { VaultKeyError } from '../vault/keys/vault-key-error';
import { KEY_GENERATION_META, type OpenVault } from '../vault/open-vault';
import { NO_SECRETS_KEY_MESSAGE } from '../vault/secrets-field-cipher';
import { resealEveryField } from './sealed-fields';

/** The steps of a rotation, in order; a test kills the process at each (PAMDESK_ROTATION_CRASH_AT). */
export const ROTATION_CHECKPOINTS = ['copied', 'rekeyed', 'resealed', 'key-file-both', 'swapped', 'done'] as const;
export type RotationCheckpoint = (typeof ROTATION_CHECKPOINTS)[number];

export const ROTATING_FILE_NAME = `${DATABASE_FILE_NAME}.rotating`;

export interface RotationRecipient {
  readonly username: string;
  readonly holdsSecrets: boolean;
}

export interface RotationRequest {
  /** Who keeps a slot in the new generation; every other slot is dropped with the old generation. */
  readonly recipients: readonly RotationRecipient[];
  readonly actor: string;
  readonly shell: AuditShell;
  /** Why (user removed, demoted, asked for, format-1 upgrade): recorded in the audit entry. */
  readonly reason: string;
  readonly checkpoint?: (at: RotationCheckpoint) => void;
}

export interface RotationResult {
  readonly next: KeyGeneration;
  /** The database, now under the new generation's key; the old handle is closed. */
  readonly database: VaultDatabaseHandle;
  readonly resealed: number;
}

/**
 * Rotates the vault's keys: a new master key and secrets key; every sealed value re-sealed; the
 * SQLite file re-keyed; the remaining slots given the new generation (sealed to their box public
 * keys, so no passphrase is needed); every other slot dropped.
 *
 * Crash-safe by construction: the new database is built beside the old one (vault.db.rotating) and
 * swapped in by one rename; the key file holds both generations from before the swap until after
 * it, and opening tries the newest generation first, then the older one. So at every instant the
 * database on disk opens with a generation the key file holds. The old database is held under a
 * write lock from the copy to the swap, so nothing written to it is lost.
 *
 * Alone: another pamdesk process that kept the vault open across the swap would keep writing to
 * the replaced file, and lose it all. So the rotation first claims the vault for itself
 * (vault-presence.ts) and is refused, changing nothing, while any other connection has it open;
 * opens by others wait until it is done.
 */
export async function rotateVaultKeys(vault: OpenVault, request: RotationRequest): Promise<RotationResult> {
  if (!vault.fields.holdsSecrets) throw new VaultKeyError('no-secrets-key', NO_SECRETS_KEY_MESSAGE);
  const dataDir = vault.keys.dataDir;
  const current = vault.keys.current;
  const next = newKeyGeneration(current.generation + 1);
  const databasePath = join(dataDir, DATABASE_FILE_NAME);
  const rotatingPath = join(dataDir, ROTATING_FILE_NAME);
  const checkpoint = request.checkpoint ?? (() => undefined);
  const oldDatabaseKey = databaseKeyOf(current);
  const newDatabaseKey = databaseKeyOf(next);
  try {
    const file = await readKeyFile(dataDir);
    const slotsById = new Map(file.slots.map((slot) => [slot.slotId, slot]));
    const recipients = request.recipients.map((recipient) => {
      const slot = slotsById.get(slotIdFor(file.vaultId, recipient.username));
      if (slot === undefined) throw new VaultKeyError('no-such-slot', `User "${recipient.username}" has no key slot; remove them or add them again, then rotate.`);
      if (slot.boxPublicKey === undefined) {
        throw new VaultKeyError('legacy-slot', `The key slot of "${recipient.username}" is from an older pamdesk and cannot receive new keys yet: ask them to sign in once, then rotate again.`);
      }
      return { slotId: slot.slotId, boxPublicKey: slot.boxPublicKey, keys: recipient.holdsSecrets ? next : withoutSecrets(next) };
    });

    vault.database.presence.release();
    let sole: SolePresence;
    try {
      sole = claimSolePresence(dataDir);
    } catch (error) {
      vault.database.presence.hold();
      throw error;
    }
    await removeRotatingFiles(rotatingPath);
    const guard = openKeyedDriver(databasePath, oldDatabaseKey);
    try {
      // Nobody writes to the old database from the snapshot to the swap: their change would be lost.
      guard.exec('BEGIN IMMEDIATE');
      vault.database.driver.exec(`VACUUM INTO '${rotatingPath.replaceAll("'", "''")}'`);
      checkpoint('copied');

      const copy = openKeyedDriver(rotatingPath, oldDatabaseKey);
      copy.pragma('journal_mode = DELETE');
      rekeyDriver(copy, newDatabaseKey);
      copy.pragma('synchronous = FULL');
      copy.pragma('foreign_keys = ON');
      checkpoint('rekeyed');

      const copyDb = new Kysely<VaultDatabase>({ dialect: new ImmediateSqliteDialect({ database: copy }) });
      bindAuditSigners(copyDb, vault.signers);
      let resealed = 0;
      const ciphers = newCiphers(current, next);
      try {
        await copyDb.transaction().execute(async (trx) => {
          resealed = await resealEveryField(trx, ciphers);
          await trx.insertInto('meta').values({ key: KEY_GENERATION_META, value: String(next.generation) }).onConflict((conflict) => conflict.column('key').doUpdateSet({ value: String(next.generation) })).execute();
          await appendAudit(trx, {
            actor: request.actor,
            shell: request.shell,
            action: 'vault.rotate_keys',
            objectType: 'vault',
            objectId: file.vaultId,
            details: { reason: request.reason, fromGeneration: current.generation, toGeneration: next.generation, slots: recipients.length, resealed },
          });
        });
      } finally {
        ciphers.dispose();
        await copyDb.destroy();
      }
      await fsyncFile(rotatingPath);
      checkpoint('resealed');

      await withKeyFileLock(dataDir, async () => {
        const latest = await readKeyFile(dataDir);
        const byId = new Map(recipients.map((recipient) => [recipient.slotId, recipient]));
        await writeKeyFile(dataDir, {
          format: 2,
          vaultId: latest.vaultId,
          rotation: { from: current.generation, to: next.generation },
          slots: latest.slots.map((slot) => {
            const recipient = byId.get(slot.slotId);
            if (recipient === undefined) return slot;
            const kept = (slot.envelopes ?? []).filter((envelope) => envelope.generation === current.generation);
            return { ...slot, envelopes: [...kept, sealEnvelope(latest.vaultId, slot.slotId, recipient.boxPublicKey, recipient.keys)] };
          }),
        });
      });
      checkpoint('key-file-both');

      await vault.database.close();
      guard.exec('ROLLBACK');
      // Fold the old WAL into the old file and end it: a stale -wal beside the new file would be replayed into it.
      guard.pragma('wal_checkpoint(TRUNCATE)');
      guard.close();
      await Promise.all(['-wal', '-shm'].map((suffix) => rm(databasePath + suffix, { force: true })));
      await rename(rotatingPath, databasePath);
      await syncDirectory(dataDir);
      checkpoint('swapped');

      await withKeyFileLock(dataDir, async () => writeKeyFile(dataDir, dropOlderGenerations(await readKeyFile(dataDir), next.generation)));
      checkpoint('done');
      // The new file is in place: others may open it (and this process must, below).
      sole.release();
      const database = await openVaultDatabase(dataDir, newDatabaseKey, { mode: 'open' });
      return { next, database, resealed };
    } catch (error) {
      if (guard.open) guard.close();
      sole.release();
      // Not swapped: this process goes on with the old database, counted as having it open again.
      if (vault.database.driver.open) vault.database.presence.hold();
      throw error;
    }
  } catch (error) {
    zeroGeneration(next);
    throw error;
  } finally {
    oldDatabaseKey.fill(0);
    newDatabaseKey.fill(0);
  }
}

function newCiphers(current: KeyGeneration, next: KeyGeneration) {
  const keys = [secretsFieldKeyOf(current), secretsFieldKeyOf(next), metadataFieldKeyOf(current), metadataFieldKeyOf(next)];
  const [fromSecrets, toSecrets, fromMetadata, toMetadata] = keys.map((key) => {
    if (key === null) throw new VaultKeyError('no-secrets-key', NO_SECRETS_KEY_MESSAGE);
    return createAesFieldCipher(key);
  });
  keys.forEach((key) => key?.fill(0));
  if (!fromSecrets || !toSecrets || !fromMetadata || !toMetadata) throw new Error('Four ciphers expected.');
  return {
    fromSecrets,
    toSecrets,
    fromMetadata,
    toMetadata,
    dispose: () => [fromSecrets, toSecrets, fromMetadata, toMetadata].forEach((cipher) => cipher.dispose()),
  };
}

async function removeRotatingFiles(rotatingPath: string): Promise<void> {
  await Promise.all(['', '-journal', '-wal', '-shm'].map((suffix) => rm(rotatingPath + suffix, { force: true })));
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
