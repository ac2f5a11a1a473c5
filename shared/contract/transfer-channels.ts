import { z } from 'zod';
import type { ExportedText } from './audit';
import { channel, typed } from './channel-spec';
import { operationFilterSchema } from './operation-channels';

export const IMPORT_FORMATS = ['pamdesk', 'keepassxc', 'bitwarden'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A CSV export of a few hundred thousand credentials fits; anything larger is split by the user. */
export const MAX_IMPORT_CSV_CHARS = 20_000_000;

/** One problem with one row: where, what is wrong, what to do. Never a secret value. */
export interface ImportRowError {
  /** Data row, 1 = the first row after the header; 0 for a problem with the file itself. */
  readonly row: number;
  /** The file line the row starts on (a quoted field can span lines). */
  readonly line: number;
  readonly problem: string;
  readonly fix: string;
}

export type ImportRowAction = 'create' | 'update' | 'skip' | 'error';

export interface ImportRowPreview {
  readonly row: number;
  readonly line: number;
  readonly action: ImportRowAction;
  /** username@hostname (ip): who the row is about, without its secret. */
  readonly label: string;
  /**
   * The credential's identifier when it is known before the commit: an update's, or one the row
   * names. Null for a create that gets a fresh UUIDv7 at commit, and for skipped and failed rows.
   */
  readonly identifier: string | null;
  /** create: the device (hostname + ip) is new and would be created with the credential. */
  readonly device: 'create' | 'existing' | null;
  /** Why a row is skipped (a Bitwarden secure note, say); skipped rows do not fail the import. */
  readonly note: string | null;
}

export interface ImportSummary {
  readonly rows: number;
  readonly create: number;
  readonly update: number;
  readonly skip: number;
  readonly errors: number;
  readonly devicesCreated: number;
}

export interface ImportPreview {
  /** Pass to import.commit; valid for this user, once, until expiresAt. Null when there are errors. */
  readonly token: string | null;
  readonly expiresAt: string | null;
  readonly format: ImportFormat;
  readonly summary: ImportSummary;
  readonly rows: readonly ImportRowPreview[];
  readonly errors: readonly ImportRowError[];
}

/**
 * How far a preview or commit has got, for the window that asked (it names the run with a random
 * progressId): 'read' counts characters of the file parsed, 'check' rows judged by the preview,
 * 'write' rows written by the commit. Only counts: never a row's content.
 */
export const importProgressEventSchema = z
  .object({
    progressId: z.string().uuid(),
    step: z.enum(['read', 'check', 'write']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  })
  .strict();
export type ImportProgress = z.output<typeof importProgressEventSchema>;

const progressId = z.string().uuid().optional();

export const EXPORT_FORMATS = ['csv'] as const;
const exportFormat = z.enum(EXPORT_FORMATS).default('csv');

export const transferChannels = {
  // Runs the whole import in a transaction that is always rolled back: the preview is what the
  // commit would do, row by row, and nothing is written.
  'import.preview': channel({
    request: z.object({ format: z.enum(IMPORT_FORMATS), csvText: z.string().max(MAX_IMPORT_CSV_CHARS, 'The file is larger than 20 MB: split it and import the parts.'), progressId }).strict(),
    response: typed<ImportPreview>(),
    requires: 'credential.write',
  }),
  // All or nothing: one transaction; any row failing now rolls every row back. Needs device.write
  // too (checked by the handler), since missing devices are created.
  'import.commit': channel({ request: z.object({ token: z.string().uuid(), progressId }).strict(), response: typed<ImportSummary>(), requires: 'credential.write' }),
  'export.credentials': channel({ request: z.object({ format: exportFormat }).strict(), response: typed<ExportedText>(), requires: 'vault.read' }),
  'export.operations': channel({
    request: z.object({ format: exportFormat, filter: operationFilterSchema.omit({ offset: true, limit: true }).default({}) }).strict(),
    response: typed<ExportedText>(),
    requires: 'operation.read',
  }),
  'export.attempts': channel({
    request: z.object({ format: exportFormat, outcome: z.enum(['success', 'error', 'unverified', 'interrupted']).optional() }).strict(),
    response: typed<ExportedText>(),
    requires: 'operation.read',
  }),
} as const;
