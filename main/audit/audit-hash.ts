import { hash } from 'node:crypto';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
const HASH_DOMAIN = 'pamdesk/audit/v1';

/** The stored fields of one entry, exactly as in the row (details as its canonical JSON text). */
export interface HashedAuditFields {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly shell: string;
  readonly action: string;
  readonly object_type: string | null;
  readonly object_id: string | null;
  readonly details: string;
  readonly prev_hash: string;
}

/**
 * The same fields positionally, in hash order: how the verifier reads rows (raw arrays, since a
 * million rows as objects cost seconds).
 */
export type HashedAuditTuple = readonly [id: number, at: string, actor: string, shell: string, action: string, objectType: string | null, objectId: string | null, details: string, prevHash: string];

export function hashAuditEntry(fields: HashedAuditFields): string {
  return hashAuditTuple([fields.id, fields.at, fields.actor, fields.shell, fields.action, fields.object_type, fields.object_id, fields.details, fields.prev_hash]);
}

/**
 * SHA-256 over a JSON array of the fields in a fixed order: JSON string escaping makes the
 * encoding unambiguous, and the array fixes the order, so it is canonical. A row may carry more columns after the nine; they are not hashed. One-shot hash(): a
 * Hash object per entry costs twice as much, and verify hashes every entry of the trail.
 */
export function hashAuditTuple(row: readonly [...HashedAuditTuple, ...unknown[]]): string {
  return hash('sha256', JSON.stringify([HASH_DOMAIN, row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8]]), 'hex');
}
