import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { KdfParams } from './kdf-params';
import { parseSlotSigningKey, type SlotSigningKey } from './signing-key-field';
import { VaultKeyError } from './vault-key-error';

export const KEY_FILE_NAME = 'vault.keys.json';
/** Format 2: per-slot X25519 boxes holding each key generation (keys per role). Format 1 is read and upgraded. */
export const KEY_FILE_FORMAT = 2;
const READABLE_FORMATS = [1, 2] as const;

/** One key generation sealed to a slot's box public key (sealed-box.ts); see generation-envelope.ts. */
export interface GenerationEnvelope {
  readonly generation: number;
  readonly sealed: string;
}

/**
 * One user's key slot. Binary fields are base64. A format-2 slot has a box (an X25519 key pair whose
 * private half is sealed under the slot's KEK) and one envelope per live key generation. A format-1
 * (legacy) slot wraps the generation-0 master key directly under the KEK; it is replaced by a
 * format-2 slot at its user's next unlock.
 */
export interface KeySlot {
  readonly slotId: string;
  readonly kdf: KdfParams;
  readonly salt: string;
  readonly failedAttempts: number;
  /** Epoch milliseconds of the last wrong passphrase, or null. */
  readonly lastFailureAt: number | null;
  /** The user's audit-signing key pair (optional: created at the slot's first unlock). */
  readonly signingKey?: SlotSigningKey;
  /** Format 1 only: the generation-0 master key wrapped under the KEK. */
  readonly wrappedMasterKey?: string;
  /** SPKI DER of the slot's X25519 box key. */
  readonly boxPublicKey?: string;
  /** PKCS#8 DER of the box key, wrapped under the KEK (key-wrap format). */
  readonly wrappedBoxPrivateKey?: string;
  readonly envelopes?: readonly GenerationEnvelope[];
}

/** Present while a key rotation is between "both generations written" and "old generation dropped". */
export interface RotationMarker {
  readonly from: number;
  readonly to: number;
}

export interface KeyFile {
  readonly format: 1 | 2;
  readonly vaultId: string;
  readonly slots: readonly KeySlot[];
  readonly rotation?: RotationMarker;
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

/** Writes via a temp file + fsync + rename (+ directory fsync) so that a crash never leaves a half-written key file. */
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
  await syncDirectory(dataDir);
}

/** Makes a rename durable: without it a power cut can bring back the old name's contents. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
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
  const format = raw.format;
  if (format !== 1 && format !== 2) {
    throw new VaultKeyError(
      'corrupt-key-file',
      `The vault key file ${path} has format ${String(raw.format)}, this pamdesk reads formats ${READABLE_FORMATS.join(' and ')}; update pamdesk.`,
    );
  }
  if (typeof raw.vaultId !== 'string' || raw.vaultId === '') throw corrupt('missing vaultId');
  if (!Array.isArray(raw.slots)) throw corrupt('missing slots');
  const slots = raw.slots.map((slot: unknown, index: number) => parseSlot(slot, () => corrupt(`slot ${index}`)));
  const rotation = parseRotation(raw.rotation, () => corrupt('rotation marker'));
  return { format, vaultId: raw.vaultId, slots, ...(rotation ? { rotation } : {}) };
}

function parseRotation(raw: unknown, corrupt: () => VaultKeyError): RotationMarker | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw) || !Number.isInteger(raw.from) || !Number.isInteger(raw.to)) throw corrupt();
  return { from: raw.from as number, to: raw.to as number };
}

function parseSlot(raw: unknown, corrupt: () => VaultKeyError): KeySlot {
  if (!isRecord(raw) || !isRecord(raw.kdf)) throw corrupt();
  const { slotId, salt, wrappedMasterKey, failedAttempts, lastFailureAt, kdf, boxPublicKey, wrappedBoxPrivateKey, envelopes } = raw;
  const signingKey = parseSlotSigningKey(raw.signingKey, corrupt);
  if (
    typeof slotId !== 'string' ||
    typeof salt !== 'string' ||
    typeof failedAttempts !== 'number' ||
    !(lastFailureAt === null || typeof lastFailureAt === 'number') ||
    kdf.algorithm !== 'argon2id' ||
    typeof kdf.memoryKiB !== 'number' ||
    typeof kdf.passes !== 'number' ||
    typeof kdf.parallelism !== 'number'
  ) {
    throw corrupt();
  }
  const legacy = typeof wrappedMasterKey === 'string';
  const boxed = typeof boxPublicKey === 'string' && typeof wrappedBoxPrivateKey === 'string' && Array.isArray(envelopes);
  if (legacy === boxed) throw corrupt();
  return {
    slotId,
    salt,
    failedAttempts,
    lastFailureAt,
    kdf: { algorithm: 'argon2id', memoryKiB: kdf.memoryKiB, passes: kdf.passes, parallelism: kdf.parallelism },
    ...(signingKey ? { signingKey } : {}),
    ...(legacy ? { wrappedMasterKey } : {}),
    ...(boxed ? { boxPublicKey, wrappedBoxPrivateKey, envelopes: (envelopes as unknown[]).map((envelope) => parseEnvelope(envelope, corrupt)) } : {}),
  };
}

function parseEnvelope(raw: unknown, corrupt: () => VaultKeyError): GenerationEnvelope {
  if (!isRecord(raw) || !Number.isInteger(raw.generation) || typeof raw.sealed !== 'string' || raw.sealed === '') throw corrupt();
  return { generation: raw.generation as number, sealed: raw.sealed };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
