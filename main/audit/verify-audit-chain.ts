import type { KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { normalizeUsername, slotIdFor } from '../vault/keys/slot-id';
import { readAuditHead } from './audit-head';
import { GENESIS_HASH, hashAuditEncoding } from './audit-hash';
import { auditTrailChunks, signatureOf, type RawRowSource } from './audit-trail-rows';
import { parseSigningPublicKey, signedBytes, verifyAuditSignature } from './audit-signing';
import { ParallelSignatureCheck } from './parallel-signature-check';
import type { AuditBreakKind, AuditSignatureCoverage } from '../../shared/contract/audit';
import type { WitnessedHead } from './audit-witness';

export type AuditChainVerdict =
  | { readonly ok: true; readonly count: number }
  | { readonly ok: false; readonly firstBrokenId: number; readonly kind: AuditBreakKind; readonly reason: string };

/** What the verifier trusts from outside the database. */
export interface AuditAnchors {
  readonly vaultId: string;
  /** Public signing keys recorded in the key file, by slot id. */
  readonly keyFileKeys: ReadonlyMap<string, string>;
  /**
   * Every slot id in the key file. A signer without a slot (a user whose slot was removed) is
   * checked against the database's key alone; a signer whose slot lost its key is an alteration.
   */
  readonly keyFileSlots?: ReadonlySet<string>;
  /** Heads users saw, kept outside the database (already checked against their signatures). */
  readonly witnesses: readonly WitnessedHead[];
  /** Witnesses present but not signed by their slot's key (the entry they claim, when readable). */
  readonly alteredWitnesses?: readonly (number | null)[];
}

const ADVICE = 'Keep the vault files as they are, export the trail, and compare it with your SIEM and backups.';

export interface VerifyAuditOptions {
  /** Verify every entry's signature, not only each signer's newest (slower: an Ed25519 verify per entry). */
  readonly everySignature?: boolean;
  /** The raw connection under `db` (the vault's database.driver), to read rows as arrays. */
  readonly driver?: RawRowSource;
  /**
   * With everySignature: worker threads verifying the signatures (0: in order on this thread).
   * Default: one per core for a trail longer than PARALLEL_FROM entries, else 0.
   */
  readonly signatureThreads?: number;
}

/** Below this many entries starting the workers costs more than they save. */
const PARALLEL_FROM = 20_000;

export interface AuditTrailCheck {
  readonly verdict: AuditChainVerdict;
  readonly signatures: AuditSignatureCoverage;
}

/** verifyAuditTrail's verdict alone. */
export async function verifyAuditChain(db: Kysely<VaultDatabase>, anchors?: AuditAnchors, options: VerifyAuditOptions = {}): Promise<AuditChainVerdict> {
  return (await verifyAuditTrail(db, anchors, options)).verdict;
}

/**
 * Walks the whole trail in id order and checks, for each entry: no id is missing, it links to the
 * previous entry's hash, its hash matches its contents, and its signer is the actor itself (except
 * for 'system' entries); for each signer, that its public key is the same in the key file and in
 * the database. Then that the chain ends where the head anchor says, and that every head a user
 * witnessed is still there with the same hash. Without anchors (a bare database) only the
 * database's keys are used. Reads rows in chunks, so memory stays flat for long trails.
 *
 * Signatures: by default only the newest entry of each signer is verified. That is enough against
 * a rewrite: changing any entry changes its hash, so the chain after it must be recomputed, which
 * changes the hash of the newest entry of every signer who wrote at or after it; those signatures
 * then fail unless the forger holds each of those keys, the same keys a per-entry check would ask
 * for. What it cannot see is an old signature damaged on its own while its entry stays intact;
 * `everySignature` checks each one (an Ed25519 verify per entry: minutes at a million entries;
 * on worker threads, one per core, for long trails).
 * The quick walk also lets SQLite encode each row for its hash (audit-hash.ts). When it finds
 * anything wrong, the full walk runs (JavaScript encoding, every signature), so the verdict
 * (first broken entry, kind, reason) is exactly what a per-entry check says.
 */
export async function verifyAuditTrail(db: Kysely<VaultDatabase>, anchors?: AuditAnchors, options: VerifyAuditOptions = {}): Promise<AuditTrailCheck> {
  return inReadSnapshot(db, async (snapshot) => {
    // The head only sizes the work here (a damaged one is the walk's to report).
    const length = options.everySignature === true && options.signatureThreads === undefined ? ((await readAuditHead(snapshot).catch(() => null))?.id ?? 0) : 0;
    const threads = options.everySignature === true ? (options.signatureThreads ?? (length > PARALLEL_FROM ? availableParallelism() : 0)) : 0;
    if (options.everySignature !== true || threads > 0) {
      // A row SQLite cannot encode (a planted BLOB) throws there, as may a worker: the ordered walk then says what is wrong.
      const quick = await walkTrail(snapshot, anchors, options.everySignature === true ? { kind: 'parallel', threads } : { kind: 'quick' }, options.driver).catch(() => undefined);
      if (quick?.verdict.ok === true) return quick;
    }
    return walkTrail(snapshot, anchors, { kind: 'ordered' }, options.driver);
  });
}

/**
 * One read transaction: the rows and the head come from the same snapshot, so an append that lands
 * mid-walk cannot look like a cut-off trail. A deferred BEGIN (not Kysely's BEGIN IMMEDIATE): in
 * WAL mode a reader holds no write lock, so the runner in another process keeps writing meanwhile.
 */
async function inReadSnapshot<T>(db: Kysely<VaultDatabase>, read: (snapshot: Kysely<VaultDatabase>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return read(db);
  return db.connection().execute(async (connection) => {
    await sql`BEGIN`.execute(connection);
    try {
      return await read(connection);
    } finally {
      // Nothing was written: COMMIT just ends the read.
      await sql`COMMIT`.execute(connection);
    }
  });
}

interface NewestSigned {
  readonly id: number;
  readonly actor: string;
  readonly hash: string;
  readonly signer: string;
  readonly signature: string;
}

/**
 * quick: signatures of each signer's newest entry. parallel: that, and every signature on worker
 * threads, which only tell whether all held (a failure reads as a break, for the ordered walk to
 * name). ordered: each entry's signature in turn, in JavaScript encoding: the reference.
 */
type Walk = { readonly kind: 'quick' } | { readonly kind: 'parallel'; readonly threads: number } | { readonly kind: 'ordered' };

async function walkTrail(db: Kysely<VaultDatabase>, anchors: AuditAnchors | undefined, walk: Walk, driver: RawRowSource | undefined): Promise<AuditTrailCheck> {
  const parallel = walk.kind === 'parallel' ? new ParallelSignatureCheck(walk.threads) : undefined;
  try {
    const check = await walkWith(db, anchors, walk, driver, parallel);
    if (parallel === undefined || !check.verdict.ok) return check;
    const allHeld = await parallel.finish();
    return { verdict: allHeld ? check.verdict : broken(1, 'rewritten', 'a signature does not verify.'), signatures: { mode: 'every', checked: parallel.count } };
  } finally {
    await parallel?.close();
  }
}

async function walkWith(db: Kysely<VaultDatabase>, anchors: AuditAnchors | undefined, walk: Walk, driver: RawRowSource | undefined, parallel: ParallelSignatureCheck | undefined): Promise<AuditTrailCheck> {
  const mode: AuditSignatureCoverage['mode'] = walk.kind === 'quick' ? 'newest-per-signer' : 'every';
  const signerKeys = await signerKeysOf(db, anchors);
  const witnessedIds = new Set((anchors?.witnesses ?? []).map((w) => w.id));
  const hashAt = new Map<number, string>();
  const newestBySigner = new Map<string, NewestSigned>();
  // Signers as stored, normalized once each rather than once per row.
  const normalized = new Map<string, string>();
  const signerKey = (signer: string): string => normalized.get(signer) ?? normalized.set(signer, normalizeUsername(signer)).get(signer) ?? signer;
  let checked = 0;
  let expectedId = 1;
  let prevHash = GENESIS_HASH;
  let signedSeen = false;
  const done = (verdict: AuditChainVerdict): AuditTrailCheck => ({ verdict, signatures: { mode, checked } });
  for await (const chunk of auditTrailChunks(db, driver, walk.kind === 'ordered' ? 'javascript' : walk.kind === 'parallel' ? 'sqlite-signed' : 'sqlite')) {
    for (const [id, encoded, storedPrev, hash, actor, signer, signature] of chunk) {
      if (id !== expectedId) {
        return done(broken(expectedId, 'rewritten', `entry ${expectedId} is missing (the next entry present is ${id}): entries were deleted.`));
      }
      if (storedPrev !== prevHash) {
        return done(broken(id, 'rewritten', `entry ${id} does not link to entry ${id - 1}: an earlier entry was replaced or removed.`));
      }
      if (hashAuditEncoding(encoded) !== hash) {
        return done(broken(id, 'rewritten', `entry ${id} was changed after it was written (its hash does not match its contents).`));
      }
      if (signature === null || signer === null) {
        // Entries from before audit signatures (migration 0011) are covered by the hash chain only.
        if (signedSeen) return done(broken(id, 'rewritten', `entry ${id} carries no signature although the entries before it are signed: it was written or rewritten outside pamdesk.`));
      } else {
        signedSeen = true;
        const entry = { id, actor, hash, signer, signature };
        if (walk.kind === 'ordered') {
          checked += 1;
          const problem = signatureProblem(entry, signerKeys);
          if (problem !== null) return done(broken(id, 'rewritten', problem));
        } else {
          const problem = signerMismatch(entry);
          if (problem !== null) return done(broken(id, 'rewritten', problem));
          newestBySigner.set(signerKey(signer), entry);
          // No usable key: the newest entry's check below fails and the ordered walk names the entry.
          const publicKey = parallel ? signerKeys.publicKeyOf(signer) : undefined;
          if (publicKey !== undefined) await parallel?.add(publicKey, signedBytes(signer, hash), signature);
        }
      }
      if (witnessedIds.has(id)) hashAt.set(id, hash);
      prevHash = hash;
      expectedId += 1;
    }
  }
  // Each signer's key once, and its newest signature, which vouches for the chain before it.
  for (const entry of newestBySigner.values()) {
    checked += 1;
    const problem = signatureProblem(walk.kind === 'quick' ? { ...entry, signature: (await signatureOf(db, entry.id)) ?? '' } : entry, signerKeys);
    if (problem !== null) return done(broken(entry.id, 'rewritten', problem));
  }
  const count = expectedId - 1;
  const head = await readAuditHead(db);
  if (head === null) {
    return done(count === 0 ? { ok: true, count } : broken(count, 'truncated', 'the audit head record is missing: the end of the trail cannot be confirmed.'));
  }
  if (head.id > count) {
    return done(broken(count + 1, 'truncated', `entries ${count + 1}..${head.id} are missing: the end of the trail was cut off.`));
  }
  if (head.id !== count || head.hash !== prevHash) {
    return done(broken(head.id, 'rewritten', `the trail does not end at the recorded head (entry ${head.id}): entries were replaced.`));
  }
  return done(checkWitnesses(anchors?.witnesses ?? [], count, hashAt) ?? checkAlteredWitnesses(anchors?.alteredWitnesses ?? [], count) ?? { ok: true, count });
}

function checkAlteredWitnesses(altered: readonly (number | null)[], count: number): AuditChainVerdict | null {
  if (altered.length === 0) return null;
  const claimed = Math.min(...altered.map((id) => (id === null ? count : Math.max(1, Math.min(id, count)))));
  return broken(
    Math.max(1, claimed),
    'rewritten',
    "a head a user witnessed no longer verifies with that user's signing key in the key file: the key file's public key or the preferences file was altered, so signatures under a replaced key cannot be trusted.",
  );
}

function checkWitnesses(witnesses: readonly WitnessedHead[], count: number, hashAt: ReadonlyMap<number, string>): AuditChainVerdict | null {
  // The furthest witness first: it names the most entries that are gone.
  for (const witness of [...witnesses].sort((a, b) => b.id - a.id)) {
    if (witness.id > count) {
      return broken(count + 1, 'truncated', `a user saw the trail reach entry ${witness.id} (${witness.at}), but it now ends at entry ${count}: entries ${count + 1}..${witness.id} were removed and the head rewritten.`);
    }
  }
  for (const witness of [...witnesses].sort((a, b) => a.id - b.id)) {
    if (hashAt.get(witness.id) !== witness.hash) {
      return broken(witness.id, 'rewritten', `entry ${witness.id} is not the one a user saw on ${witness.at}: entries up to it were removed or replaced and the chain recomputed.`);
    }
  }
  return null;
}

interface SignerKeys {
  readonly anchored: boolean;
  readonly inDatabase: ReadonlyMap<string, string>;
  keyFileKey(signer: string): string | undefined;
  /** The key a signer's signatures verify with: the key file's, else (a removed user) the database's. */
  publicKeyOf(signer: string): string | undefined;
  slotRemoved(signer: string): boolean;
  parsed(publicKey: string): KeyObject | null;
}

async function signerKeysOf(db: Kysely<VaultDatabase>, anchors: AuditAnchors | undefined): Promise<SignerKeys> {
  const users = await db.selectFrom('users').select(['username', 'signing_public_key']).execute();
  const inDatabase = new Map<string, string>();
  for (const user of users) if (user.signing_public_key !== null) inDatabase.set(normalizeUsername(user.username), user.signing_public_key);
  const cache = new Map<string, KeyObject | null>();
  return {
    anchored: anchors !== undefined,
    inDatabase,
    keyFileKey: (signer) => (anchors ? anchors.keyFileKeys.get(slotIdFor(anchors.vaultId, signer)) : undefined),
    publicKeyOf: (signer) => (anchors ? anchors.keyFileKeys.get(slotIdFor(anchors.vaultId, signer)) : undefined) ?? inDatabase.get(normalizeUsername(signer)),
    slotRemoved: (signer) => anchors?.keyFileSlots !== undefined && !anchors.keyFileSlots.has(slotIdFor(anchors.vaultId, signer)),
    parsed(publicKey) {
      if (!cache.has(publicKey)) cache.set(publicKey, parseSigningPublicKey(publicKey));
      return cache.get(publicKey) ?? null;
    },
  };
}

/** Only its author signs an entry ('system' entries: the user running the core). */
function signerMismatch(row: { readonly id: number; readonly actor: string; readonly signer: string }): string | null {
  const { id, actor, signer } = row;
  if (actor === signer || actor === 'system' || normalizeUsername(actor) === normalizeUsername(signer)) return null;
  return `entry ${id}, by ${actor}, is signed with the key of ${signer}: only its author signs an entry, so it was rewritten.`;
}

function signatureProblem(row: NewestSigned, keys: SignerKeys): string | null {
  const mismatch = signerMismatch(row);
  if (mismatch !== null) return mismatch;
  const { id, signer } = row;
  const fromDatabase = keys.inDatabase.get(normalizeUsername(signer));
  const fromKeyFile = keys.keyFileKey(signer);
  const removedUser = fromKeyFile === undefined && fromDatabase !== undefined && keys.slotRemoved(signer);
  if (keys.anchored && fromDatabase !== fromKeyFile && !removedUser) {
    if (fromKeyFile === undefined) return `entry ${id} is signed by ${signer}, whose key slot holds no signing key: the key file was altered or the entry forged.`;
    if (fromDatabase === undefined) return `entry ${id} is signed by ${signer}, for whom the vault database records no signing key: the database was altered.`;
    return `the signing key of ${signer} in the vault database differs from the one in the key file (first used by entry ${id}): one of them was replaced.`;
  }
  const publicKey = keys.publicKeyOf(signer);
  const key = publicKey === undefined ? null : keys.parsed(publicKey);
  if (key === null) return `entry ${id} is signed by ${signer}, but no usable signing key is recorded for ${signer}.`;
  if (!verifyAuditSignature(key, signer, row.hash, row.signature)) {
    return `the signature of entry ${id} does not verify with ${signer}'s key: the entry was rewritten or its chain recomputed.`;
  }
  return null;
}

function broken(firstBrokenId: number, kind: AuditBreakKind, reason: string): AuditChainVerdict {
  const what = kind === 'truncated' ? 'The audit trail was truncated' : 'The audit trail was rewritten';
  return { ok: false, firstBrokenId, kind, reason: `${what}: ${reason} ${ADVICE}` };
}
