import { z } from 'zod';

/** An audit entry as the viewer shows it. Details never hold secrets. */
export interface AuditEntryView {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly shell: string;
  readonly action: string;
  readonly objectType: string | null;
  readonly objectId: string | null;
  readonly details: unknown;
  readonly hash: string;
}

/** The kinds of object an entry can name by something people know (see AuditListEntry.objectName). */
export const NAMED_AUDIT_OBJECTS = ['user', 'credential', 'device', 'template', 'policy'] as const;

/** An entry as the audit view lists it: the stored entry plus what main resolved for people to read. */
export interface AuditListEntry extends AuditEntryView {
  /**
   * What people call the object: a user's name, a credential's identifier, a device's hostname, a
   * template's or policy's name. Resolved in the list's own query; null when the entry names no
   * such object or it no longer exists (the id is still in objectId).
   */
  readonly objectName: string | null;
  /** Whose key signed the entry (null for entries from before signing). */
  readonly signer: string | null;
}

/**
 * How a trail failed: rewritten (an entry, link, signature or a head a user witnessed does not
 * hold) or truncated (entries at the end are gone: the head recorded in the database or one a user
 * witnessed outside it is missing).
 */
export type AuditBreakKind = 'rewritten' | 'truncated';

/**
 * How far signatures were verified by audit.verify (the hash chain, links, ids, signers' keys and
 * witnessed heads are always checked in full). 'newest-per-signer': each signer's newest entry,
 * which vouches through the hash chain for every entry before it; 'every': each entry's own.
 */
export interface AuditSignatureCoverage {
  readonly mode: 'newest-per-signer' | 'every';
  /** How many signatures were verified. */
  readonly checked: number;
}

/**
 * ok: every entry checked (count of them), signatures as far as `signatures` says. Not ok: entries 1..count verified, firstBrokenId is the
 * first entry that does not hold, kind says how it broke, and reason says why and what to do.
 */
export type AuditChainVerdict =
  | { readonly ok: true; readonly count: number; readonly signatures?: AuditSignatureCoverage }
  | { readonly ok: false; readonly count: number; readonly firstBrokenId: number; readonly kind: AuditBreakKind; readonly reason: string };

/** A day (2024-05-01, the whole day in UTC) or an instant with its offset. */
export const auditDateSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'Use a date (2024-05-01) or an ISO date-time with offset (2024-05-01T12:00:00Z).' });

/** The viewer's and the export's filters; they combine with AND. */
export const auditFilterSchema = z
  .object({
    /** The user who acted (case-insensitive), or "system". */
    actor: z.string().max(64).optional(),
    /** An action or its dotted prefix: "credential." matches credential.reveal, credential.copy... */
    action: z.string().max(100).optional(),
    objectType: z.string().max(64).optional(),
    objectId: z.string().max(200).optional(),
    /** Inclusive; a date alone means from the start of that day (UTC). */
    from: auditDateSchema.optional(),
    /** Inclusive; a date alone means to the end of that day (UTC). */
    to: auditDateSchema.optional(),
  })
  .strict();
export type AuditFilter = z.output<typeof auditFilterSchema>;

export const auditListRequestSchema = auditFilterSchema
  .extend({
    limit: z.number().int().min(1).max(1000).default(200),
    /** Entries older than this id (paging backwards from the newest). */
    beforeId: z.number().int().positive().optional(),
  })
  .strict();

export const auditVerifyRequestSchema = z
  .object({
    /** Verify every entry's signature, not only each signer's newest (an Ed25519 verify per entry: minutes at a million). */
    everySignature: z.boolean().optional(),
  })
  .strict();

export const AUDIT_EXPORT_FORMATS = ['csv', 'json'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

export const auditExportRequestSchema = z.object({ format: z.enum(AUDIT_EXPORT_FORMATS), filters: auditFilterSchema.default({}) }).strict();

/** An export's text, for the UI to save as a file or the CLI to print. */
export interface ExportedText {
  readonly format: 'csv' | 'json';
  readonly filename: string;
  readonly count: number;
  readonly text: string;
}
