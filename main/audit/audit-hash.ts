import { createHash } from 'node:crypto';

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
 * SHA-256 over a JSON array of the fields in a fixed order: JSON string escaping makes the
 * encoding unambiguous, and the array fixes the order, so it is canonical.
 */
export function hashAuditEntry(fields: HashedAuditFields): string {
  const encoded = JSON.stringify([
    HASH_DOMAIN,
    fields.id,
    fields.at,
    fields.actor,
    fields.shell,
    fields.action,
    fields.object_type,
    fields.object_id,
    fields.details,
    fields.prev_hash,
  ]);
  return createHash('sha256').update(encoded, 'utf8').digest('hex');
}
