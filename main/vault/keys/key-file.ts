import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { KdfParams } from './kdf-params';
import { parseSlotSigningKey, type SlotSigningKey } from './signing-key-field';
import { VaultKeyError } from './vault-key-error';

export const KEY_FILE_NAME = 'vault.keys.json';
export const KEY_FILE_FORMAT = 1;

/** One user's sealed copy of the vault master key. Binary fields are base64. */
export interface KeySlot {
  readonly slotId: string;
  readonly kdf: KdfParams;
  readonly salt: string;
  readonly wrappedMasterKey: string;
  readonly failedAttempts: number;
  /** Epoch milliseconds of the last wrong passphrase, or null. */
  readonly lastFailureAt: number | null;
  /** The user's audit-signing key pair (optional: created at the slot's first unlock). */
  readonly signingKey?: SlotSigningKey;
}

export interface KeyFile {
  readonly format: typeof KEY_FILE_FORMAT;
  readonly vaultId: string;
  readonly slots: readonly KeySlot[];
}

export function keyFilePath(dataDir: string): string {
  return join(dataDir, KEY_FILE_NAME);
}

export async function readKeyFile(dataDir: string): Promise<KeyFile> {
  const path = keyFilePath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new VaultKeyError('no-vault', `No vault key file at ${path}: create a vault first, or point pamdesk at the right data directory.`);
    }
    throw error;
  }
  return parseKeyFile(text, path);
}

/** Writes via a temp file + fsync + rename so that a crash never leaves a half-written key file. */
export async function writeKeyFile(dataDir: string, file: KeyFile): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = keyFilePath(dataDir);
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  // The umask can narrow the mode but not widen it; chmod makes 0600 explicit anyway.
  await chmod(temp, 0o600);
  await rename(temp, path);
}

function parseKeyFile(text: string, path: string): KeyFile {
  const corrupt = (what: string): VaultKeyError =>
    new VaultKeyError('corrupt-key-file', `The vault key file ${path} is damaged (${what}); restore it from a backup.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw corrupt('not JSON');
  }
  if (!isRecord(raw)) throw corrupt('not an object');
  if (raw.format !== KEY_FILE_FORMAT) {
    throw new VaultKeyError(
      'corrupt-key-file',
      `The vault key file ${path} has format ${String(raw.format)}, this pamdesk reads format ${KEY_FILE_FORMAT}; update pamdesk.`,
    );
  }
  if (typeof raw.vaultId !== 'string' || raw.vaultId === '') throw corrupt('missing vaultId');
  if (!Array.isArray(raw.slots)) throw corrupt('missing slots');
  const slots = raw.slots.map((slot: unknown, index: number) => parseSlot(slot, () => corrupt(`slot ${index}`)));
  return { format: KEY_FILE_FORMAT, vaultId: raw.vaultId, slots };
}

function parseSlot(raw: unknown, corrupt: () => VaultKeyError): KeySlot {
  if (!isRecord(raw) || !isRecord(raw.kdf)) throw corrupt();
  const { slotId, salt, wrappedMasterKey, failedAttempts, lastFailureAt, kdf } = raw;
  const signingKey = parseSlotSigningKey(raw.signingKey, corrupt);
  if (
    typeof slotId !== 'string' ||
    typeof salt !== 'string' ||
    typeof wrappedMasterKey !== 'string' ||
    typeof failedAttempts !== 'number' ||
    !(lastFailureAt === null || typeof lastFailureAt === 'number') ||
    kdf.algorithm !== 'argon2id' ||
    typeof kdf.memoryKiB !== 'number' ||
    typeof kdf.passes !== 'number' ||
    typeof kdf.parallelism !== 'number'
  ) {
    throw corrupt();
  }
  return {
    slotId,
    salt,
    wrappedMasterKey,
    failedAttempts,
    lastFailureAt,
    kdf: { algorithm: 'argon2id', memoryKiB: kdf.memoryKiB, passes: kdf.passes, parallelism: kdf.parallelism },
    ...(signingKey ? { signingKey } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
