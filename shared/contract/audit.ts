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

export type AuditChainVerdict =
  | { readonly ok: true; readonly count: number }
  | { readonly ok: false; readonly count: number; readonly firstBrokenId: number; readonly reason: string };

export const auditListRequestSchema = z
  .object({
    limit: z.number().int().min(1).max(1000).default(200),
    /** Entries older than this id (paging backwards from the newest). */
    beforeId: z.number().int().positive().optional(),
    actor: z.string().max(64).optional(),
    action: z.string().max(100).optional(),
  })
  .strict();
