import type { ColumnType, Generated } from 'kysely';
import type { BulkTables } from '../../bulk/bulk-tables';
import type { CredentialsTables } from '../../credentials/credential-tables';
import type { OperationsTables } from '../../runner/operation-model';
import type { SiemTables } from '../../siem/siem-tables';
import type { TemplatesTables } from '../../templates/template-tables';

/**
 * The vault's tables as Kysely sees them. One file for the whole schema: each migration that adds
 * or changes a table updates its interface here.
 */
export interface VaultDatabase extends CredentialsTables, TemplatesTables, OperationsTables, BulkTables, SiemTables {
  readonly schema_migrations: SchemaMigrationsTable;
  readonly meta: MetaTable;
  readonly users: UsersTable;
  readonly audit_log: AuditLogTable;
}

/** Written by the migration runner, one row per applied migration. */
export interface SchemaMigrationsTable {
  readonly version: number;
  readonly name: string;
  /** ISO 8601. */
  readonly applied_at: string;
}

/** Vault-wide facts (vault_id, created_at, ...), key/value. Never secrets. */
export interface MetaTable {
  readonly key: string;
  readonly value: string;
}

export type UserRole = 'administrator' | 'operator' | 'approver' | 'auditor';

export const USER_ROLES: readonly UserRole[] = ['administrator', 'operator', 'approver', 'auditor'];

export interface UsersTable {
  /** UUID. */
  readonly id: string;
  /** Unique case-insensitively, as the key slots are. */
  readonly username: string;
  readonly role: UserRole;
  /** ISO 8601. */
  readonly created_at: string;
  /** 0 or 1 (SQLite has no boolean). */
  readonly disabled: ColumnType<number, number | undefined, number>;
  /** Ed25519 public key (SPKI DER, base64) that verifies this user's audit signatures; null until first unlock. */
  readonly signing_public_key: string | null;
  /** The id of the user who added this one; null for the first user and rows from before migration 0012. */
  readonly created_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** ISO 8601 when the user was removed (migration 0013): the row stays for the audit trail; null while a member. */
  readonly removed_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export type AuditShellColumn = 'desktop' | 'host' | 'cli' | 'system';

/** Append-only (triggers refuse UPDATE and DELETE); see main/audit. */
export interface AuditLogTable {
  /** Assigned by the appender (contiguous, 1-based) because the hash covers it. */
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly shell: AuditShellColumn;
  readonly action: string;
  readonly object_type: string | null;
  readonly object_id: string | null;
  /** Canonical JSON. */
  readonly details: string;
  readonly prev_hash: string;
  readonly hash: string;
  /** Whose Ed25519 key signed the entry (null only for entries older than migration 0011). */
  readonly signer: string | null;
  /** base64 Ed25519 signature over the entry's hash (see main/audit/audit-signing.ts). */
  readonly signature: string | null;
}

/** Re-exported so that callers needing an auto-increment column later share one import. */
export type { Generated };
