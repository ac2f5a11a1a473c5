import { z } from 'zod';
import { BULK_CODE_PATTERN, BULK_STATES, BULK_TASK_PAGE, BULK_TASK_STATUSES, bulkSelectionRequestSchema, justificationSchema, type BulkPreview, type BulkRequestDetail, type BulkRequestView, type BulkState, type BulkTaskPage } from '../domain/bulk';
import { channel, typed } from './channel-spec';

/** A bulk request is named by its id or its code (BULK-000042), which is derived from the id. */
export const bulkRefSchema = z
  .union([z.number().int().positive(), z.string().regex(BULK_CODE_PATTERN, 'A bulk request code looks like BULK-000042.')])
  .transform((ref) => (typeof ref === 'number' ? ref : Number(ref.slice('BULK-'.length))));

const byRef = z.object({ ref: bulkRefSchema }).strict();
const decision = z.object({ ref: bulkRefSchema, justification: justificationSchema }).strict();

/** What a decision or a cancel answers: the request as it now stands. */
export interface BulkDecisionResult {
  readonly code: string;
  readonly state: BulkState;
  readonly message: string | null;
  readonly operations: readonly string[];
}

export const bulkChannels = {
  // The wizard's review step: no write, so only the right to ask for bulk actions.
  'bulk.preview': channel({ request: bulkSelectionRequestSchema, response: typed<BulkPreview>(), requires: 'bulk.request' }),
  'bulk.request': channel({ request: bulkSelectionRequestSchema, response: typed<BulkRequestDetail>(), requires: 'bulk.request' }),
  'bulk.list': channel({
    request: z
      .object({ states: z.array(z.enum(BULK_STATES)).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) })
      .strict(),
    response: typed<{ readonly total: number; readonly rows: readonly BulkRequestView[] }>(),
    requires: 'bulk.read',
  }),
  'bulk.get': channel({ request: byRef, response: typed<BulkRequestDetail>(), requires: 'bulk.read' }),
  // A stored request's tasks a page at a time, in request order (optionally one status).
  'bulk.tasks': channel({
    request: z
      .object({ ref: bulkRefSchema, status: z.enum(BULK_TASK_STATUSES).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(BULK_TASK_PAGE).default(BULK_TASK_PAGE) })
      .strict(),
    response: typed<BulkTaskPage>(),
    requires: 'bulk.read',
  }),
  // The router checks the permission; the service also refuses a requester deciding their own.
  'bulk.approve': channel({ request: decision, response: typed<BulkDecisionResult>(), requires: 'bulk.approve' }),
  'bulk.reject': channel({ request: decision, response: typed<BulkDecisionResult>(), requires: 'bulk.approve' }),
  'bulk.cancel': channel({ request: byRef, response: typed<BulkDecisionResult>(), requires: 'bulk.request' }),
  'bulk.pendingCount': channel({ request: z.object({}).strict(), response: typed<{ readonly awaitingDecision: number; readonly mine: number }>(), requires: 'bulk.read' }),
} as const;

/** A bulk request was created or changed state: the Approvals badge and the report refresh. */
export const bulkChangedEventSchema = z.object({
  id: z.number(),
  code: z.string(),
  state: z.enum(BULK_STATES),
});
