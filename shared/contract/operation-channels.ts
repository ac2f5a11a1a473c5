import { z } from 'zod';
import { channel, typed } from './channel-spec';
import { credentialIdsSchema, credentialSelectionShape, ONE_SELECTION_MESSAGE, oneSelection } from '../domain/credential-selection';

export const OPERATION_STATES = ['Scheduled', 'AwaitingApproval', 'Canceled', 'Running', 'Success', 'Error', 'Expired', 'Unverified'] as const;
export type OperationStateName = (typeof OPERATION_STATES)[number];
export const OPERATION_TYPES = [
  'change_password',
  'child_password_change',
  'verify',
  'reconcile',
  'ssh_key_rotation',
  'credential_activation',
  'credential_inactivation',
] as const;
export type OperationTypeName = (typeof OPERATION_TYPES)[number];

/** An operation as the lists show it (seed 000's columns); never a secret. */
export interface OperationView {
  readonly id: number;
  readonly code: string;
  readonly type: OperationTypeName;
  readonly state: OperationStateName;
  readonly credentialId: number;
  readonly identifier: string;
  readonly username: string;
  readonly deviceId: number;
  readonly hostname: string;
  readonly ip: string;
  readonly vendor: string | null;
  readonly model: string | null;
  /** The device's tags (the ones the Tags filter matches). */
  readonly tags: readonly string[];
  readonly templateName: string | null;
  readonly templateVersion: number | null;
  readonly requester: string;
  readonly trigger: string;
  readonly priority: number;
  readonly scheduledAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly attemptsMade: number;
  readonly maxAttempts: number;
  readonly message: string | null;
  readonly parentCode: string | null;
}

export interface AttemptView {
  readonly id: number;
  readonly operationCode: string;
  readonly operationType: OperationTypeName;
  readonly identifier: string;
  readonly hostname: string;
  readonly number: number;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly outcome: 'success' | 'error' | 'unverified' | 'interrupted' | null;
  /** Masked: no secret ever appears here. */
  readonly transcript: string;
  readonly error: string | null;
  readonly runner: string;
}

export interface RequestResult {
  readonly scheduled: readonly { readonly credentialId: number; readonly code: string }[];
  readonly refused: readonly { readonly credentialId: number; readonly reason: string }[];
}

/** Which secret an administrator says the target of an Unverified change holds. */
export const TARGET_HOLDS = ['candidate', 'current'] as const;
export type TargetHolds = (typeof TARGET_HOLDS)[number];

export interface RevealedCandidate {
  readonly secret: string;
  /** The clipboard is cleared after this many seconds, if it still holds the secret. */
  readonly clipboardClearSeconds: number;
}

const isoDate = z.string().max(40);
export const operationFilterSchema = z
  .object({
    code: z.string().max(40).optional(),
    username: z.string().max(200).optional(),
    device: z.string().max(200).optional(),
    vendor: z.string().max(200).optional(),
    model: z.string().max(200).optional(),
    /** The device's website (seed 000): a host or a whole URL. */
    website: z.string().max(2000).optional(),
    /** Whole tags of the device (seed 000: "the tags you added on the device"); any of them. */
    tags: z.array(z.string().max(100)).max(50).optional(),
    states: z.array(z.enum(OPERATION_STATES)).optional(),
    types: z.array(z.enum(OPERATION_TYPES)).optional(),
    requester: z.string().max(64).optional(),
    credentialId: z.number().int().positive().optional(),
    scheduledFrom: isoDate.optional(),
    scheduledTo: isoDate.optional(),
    executedFrom: isoDate.optional(),
    executedTo: isoDate.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type OperationFilter = z.input<typeof operationFilterSchema>;

const ids = z.object({ credentialIds: credentialIdsSchema }).strict();
const idsOrMatching = z.object(credentialSelectionShape).strict().refine(oneSelection, { message: ONE_SELECTION_MESSAGE });
const byCode = z.object({ code: z.string().regex(/^OP-\d{6,}$/, 'An operation code looks like OP-000042.') }).strict();

export const operationChannels = {
  // By ids, or (from the grid's "select all N matching") by its search and filters, resolved in main.
  'operation.requestChange': channel({ request: idsOrMatching, response: typed<RequestResult>(), requires: 'operation.request' }),
  'operation.requestVerify': channel({ request: ids, response: typed<RequestResult>(), requires: 'operation.request' }),
  /** Seed 002's reconciliation: the reconciliation credential sets a fresh secret. */
  'operation.requestReconcile': channel({ request: ids, response: typed<RequestResult>(), requires: 'operation.request' }),
  'operation.list': channel({ request: operationFilterSchema, response: typed<{ readonly total: number; readonly rows: readonly OperationView[] }>(), requires: 'operation.read' }),
  'operation.get': channel({ request: byCode, response: typed<OperationView>(), requires: 'operation.read' }),
  'operation.attempts': channel({ request: byCode, response: typed<readonly AttemptView[]>(), requires: 'operation.read' }),
  'attempt.list': channel({
    request: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100), outcome: z.enum(['success', 'error', 'unverified', 'interrupted']).optional() }).strict(),
    response: typed<{ readonly total: number; readonly rows: readonly AttemptView[] }>(),
    requires: 'operation.read',
  }),
  'operation.approve': channel({
    request: z.object({ code: byCode.shape.code, justification: z.string().trim().min(1, 'Give a justification.').max(2000) }).strict(),
    response: typed<OperationView>(),
    requires: 'operation.approve',
  }),
  'operation.reject': channel({
    request: z.object({ code: byCode.shape.code, justification: z.string().trim().min(1, 'Give a justification.').max(2000) }).strict(),
    response: typed<OperationView>(),
    requires: 'operation.approve',
  }),
  'operation.cancel': channel({ request: byCode, response: typed<OperationView>(), requires: 'operation.request' }),
  'operation.restart': channel({ request: byCode, response: typed<OperationView>(), requires: 'operation.request' }),
  'operation.now': channel({ request: byCode, response: typed<OperationView>(), requires: 'operation.request' }),
  // The ways out of Unverified that need a person (the runner settles by itself when it can).
  'operation.settle': channel({
    request: z.object({ code: byCode.shape.code, targetHolds: z.enum(TARGET_HOLDS, { message: 'Say which secret the target holds: candidate or current.' }) }).strict(),
    response: typed<OperationView>(),
    requires: 'operation.settle',
  }),
  'operation.settleByReconcile': channel({ request: byCode, response: typed<{ readonly operation: OperationView; readonly reconcileCode: string }>(), requires: 'operation.settle' }),
  'operation.revealCandidate': channel({ request: byCode, response: typed<RevealedCandidate>(), requires: 'credential.reveal' }),
} as const;

export const operationChangedEventSchema = z.object({
  id: z.number(),
  code: z.string(),
  credentialId: z.number(),
  state: z.enum(OPERATION_STATES),
  message: z.string().nullable(),
});
