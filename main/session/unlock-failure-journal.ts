import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SHELLS, type Shell } from '../../shared/shells';
import { appendAudit } from '../audit/append-audit';
import type { OpenVault } from '../vault/open-vault';
import { newSealedBoxKeys, openSealed, sealTo } from '../vault/keys/sealed-box';

/**
 * Failed unlocks while the vault is locked cannot be audited (no key), and a CLI process exits right
 * after one. So each is appended, sealed to the vault's "unlock inbox" public key and synced to
 * disk, to a journal in the data folder; the next unlock (any shell, any process) audits them and
 * empties the journal. Sealed, because the key file keeps usernames out of the clear and so does
 * this. Someone able to write the data folder can delete the journal (the key slot's own failure
 * counter and back-off still hold); nobody without the vault can read or forge a readable entry.
 * Delivery is at least once: a crash between auditing and removing a journal repeats its entries.
 */
export const UNLOCK_JOURNAL_FILE = 'unlock-failures.journal';
export const UNLOCK_INBOX_FILE = 'unlock-inbox.pub';
const PUBLIC_META_KEY = 'unlock_inbox_public_key';
/** Sealed with the vault's metadata field key (every role opens it): `meta` holds no plaintext secret. */
export const PRIVATE_META_KEY = 'unlock_inbox_private_key';
export const PRIVATE_AT = { table: 'meta', column: 'value', rowId: PRIVATE_META_KEY } as const;
const TAKING_SUFFIX = '.taking';

export interface JournaledFailure {
  readonly username: string;
  readonly at: string;
  readonly shell: Shell;
}

/** Appends one failure and syncs it before returning. False when this vault has no inbox key yet (never opened by this version). */
export function journalUnlockFailure(dataDir: string, failure: JournaledFailure): boolean {
  let publicKey: string;
  try {
    publicKey = readFileSync(join(dataDir, UNLOCK_INBOX_FILE), 'utf8').trim();
  } catch {
    return false;
  }
  const fd = openSync(join(dataDir, UNLOCK_JOURNAL_FILE), 'a', 0o600);
  try {
    writeSync(fd, `${sealTo(publicKey, JSON.stringify(failure))}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** On every open: the vault's inbox key pair exists, and its public half is on disk for locked processes. */
export async function ensureUnlockInbox(dataDir: string, vault: OpenVault): Promise<void> {
  const db = vault.database.db;
  let publicKey = (await db.selectFrom('meta').select('value').where('key', '=', PUBLIC_META_KEY).executeTakeFirst())?.value;
  if (publicKey === undefined) {
    const keys = newSealedBoxKeys();
    const sealedPrivate = vault.metadata.seal(keys.privateKey.toString('base64'), PRIVATE_AT).toString('base64');
    keys.privateKey.fill(0);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('meta').values([{ key: PUBLIC_META_KEY, value: keys.publicKey }, { key: PRIVATE_META_KEY, value: sealedPrivate }]).execute();
    });
    publicKey = keys.publicKey;
  }
  const file = join(dataDir, UNLOCK_INBOX_FILE);
  // Rewritten if missing or replaced: a swapped key would only make failures unreadable, never readable by someone else.
  if (!existsSync(file) || readFileSync(file, 'utf8').trim() !== publicKey) {
    const temporary = `${file}.${randomUUID()}.tmp`;
    writeFileSync(temporary, `${publicKey}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  }
}

/**
 * Audits every journaled failure (actor `system`, the failing shell in the details) in one
 * transaction, then removes the journal. Returns how many were audited.
 */
export async function auditJournaledFailures(dataDir: string, vault: OpenVault, shell: Shell): Promise<number> {
  const journals = takeJournals(dataDir);
  if (journals.length === 0) return 0;
  const lines = journals.flatMap((path) => readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== ''));
  const db = vault.database.db;
  const sealedPrivate = (await db.selectFrom('meta').select('value').where('key', '=', PRIVATE_META_KEY).executeTakeFirst())?.value;
  const privateKey = sealedPrivate === undefined ? undefined : Buffer.from(vault.metadata.open(Buffer.from(sealedPrivate, 'base64'), PRIVATE_AT), 'base64');
  const readable: JournaledFailure[] = [];
  let unreadable = 0;
  try {
    for (const line of lines) {
      const failure = privateKey === undefined ? undefined : readFailure(privateKey, line);
      if (failure) readable.push(failure);
      else unreadable += 1;
    }
  } finally {
    privateKey?.fill(0);
  }
  await db.transaction().execute(async (trx) => {
    for (const failure of readable) {
      await appendAudit(trx, { actor: 'system', shell, action: 'session.unlock_failed', objectType: 'user', details: { username: failure.username, at: failure.at, failedIn: failure.shell } });
    }
    // A line that does not open was changed or sealed to another vault: say so rather than drop it quietly.
    if (unreadable > 0) await appendAudit(trx, { actor: 'system', shell, action: 'session.unlock_journal_unreadable', details: { entries: unreadable } });
  });
  for (const path of journals) unlinkSync(path);
  return readable.length;
}

/** Moves the live journal aside (new failures start a new one) and lists it with any left by a crash. */
function takeJournals(dataDir: string): string[] {
  const live = join(dataDir, UNLOCK_JOURNAL_FILE);
  try {
    renameSync(live, `${live}.${randomUUID()}${TAKING_SUFFIX}`);
  } catch {
    // No journal, or another process took it first.
  }
  return readdirSync(dataDir)
    .filter((name) => name.startsWith(`${UNLOCK_JOURNAL_FILE}.`) && name.endsWith(TAKING_SUFFIX))
    .map((name) => join(dataDir, name));
}

function readFailure(privateKey: Buffer, line: string): JournaledFailure | undefined {
  try {
    const value = JSON.parse(openSealed(privateKey, line.trim())) as Partial<JournaledFailure>;
    const shell = SHELLS.find((known) => known === value.shell);
    if (typeof value.username !== 'string' || typeof value.at !== 'string' || shell === undefined) return undefined;
    return { username: value.username, at: value.at, shell };
  } catch {
    return undefined;
  }
}
