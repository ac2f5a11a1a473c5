import type { Migration } from '../migration';

/**
 * Audit entries signed by the user who caused them (Ed25519, see main/audit/audit-signing.ts).
 * `users.signing_public_key` is the public half (SPKI DER, base64), also kept in the user's key
 * slot, so that rewriting either copy alone shows. `audit_log.signer` names whose key signed (the
 * actor, or for 'system' entries the user whose session runs the core); `signature` is base64.
 * Entries written before this migration stay unsigned and are checked by their hash chain only.
 */
export const migration0011AuditSignatures: Migration = {
  id: 11,
  name: 'audit-signatures',
  async up(db) {
    await db.schema.alterTable('users').addColumn('signing_public_key', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('signer', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('signature', 'text').execute();
  },
};
