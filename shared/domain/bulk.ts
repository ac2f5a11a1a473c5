import { z } from 'zod';
import { credentialSelectionShape, ONE_SELECTION_MESSAGE, oneSelection } from './credential-selection';
import { ADDITIONAL_MAX_LENGTH, hostnameProblem, ipProblem, TAG_MAX_COUNT, tagProblem, textProblem, type FieldProblem } from './field-rules';
import { hostnameSchema, ipSchema, ruleSchema } from './field-schemas';
import { criticalitySchema } from './credential-settings';

/** Seed 001's four bulk actions on credentials. */
export const BULK_ACTIONS = ['edit', 'enable', 'disable', 'expire'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/**
 * Segura's bulk request states (reference 4.1), plus Expired (no decision in time) and Rejected
 * (an approver said no). Segura's "Pending execution" has no counterpart: an approved request is
 * applied at once, in the approver's transaction.
 */
export const BULK_STATES = ['Pending approval', 'Running', 'Success', 'Error', 'Canceled', 'Expired', 'Rejected'] as const;
export type BulkState = (typeof BULK_STATES)[number];

export const BULK_DECISIONS = ['approve', 'reject'] as const;
export type BulkDecision = (typeof BULK_DECISIONS)[number];

export const BULK_TASK_STATUSES = ['pending', 'success', 'error', 'skipped'] as const;
export type BulkTaskStatus = (typeof BULK_TASK_STATUSES)[number];

export const TAG_MODES = ['replace', 'add'] as const;
export type TagMode = (typeof TAG_MODES)[number];

/**
 * What an Expire task's To shows in the preview, before the request exists. Seed 001: "the
 * expiration date and time will be set to the date at the time of the request", so the stored
 * request carries that instant instead (see createBulkRequest).
 */
export const EXPIRES_AT_REQUEST = 'at the time of the request';

const host = z.string().trim().min(1, 'Give the hostname.').pipe(hostnameSchema());
const address = z.string().trim().min(1, 'Give the IP.').pipe(ipSchema());
/**
 * A text field that an empty string or null clears, as the credential editor does; a given value
 * follows the same field rule as the credential upsert (field-rules.ts).
 */
const clearable = (problem: (value: string) => FieldProblem) =>
  ruleSchema((value) => (value.trim() === '' ? null : problem(value.trim())))
    .nullable()
    .transform((value) => (value === null || value.trim() === '' ? null : value.trim()));
const clearableText = (label: string, max: number) => clearable((value) => textProblem(label, value, max));
const clearableHostname = (label: string) => clearable((value) => hostnameProblem(value, label));
const clearableIp = (label: string) => clearable((value) => ipProblem(value, label));
const tag = z.string().trim().min(1, 'A tag is not empty.').pipe(ruleSchema(tagProblem));

/**
 * Seed 001's "Execution settings" section. Each key present is set (null removes it, as the
 * credential upsert does); absent keys are kept. Never a secret: there are none in this object.
 */
export const bulkExecutionChangesSchema = z
  .object({
    change_plugin: clearableText('change_plugin', 200),
    change_template: clearableText('change_template', 200),
    automatic_change: z.boolean(),
    use_own_credential_to_connect: z.boolean(),
    authentication_credential: clearableText('authentication_credential', 200),
    authentication_hostname: clearableHostname('authentication_hostname'),
    authentication_ip: clearableIp('authentication_ip'),
    /** Reconciliation after a failed change is on. */
    status: z.boolean(),
    reconciliation_credential: clearableText('reconciliation_credential', 200),
    reconciliation_hostname: clearableHostname('reconciliation_hostname'),
    reconciliation_ip: clearableIp('reconciliation_ip'),
    reconciliation_plugin: clearableText('reconciliation_plugin', 200),
    reconciliation_template: clearableText('reconciliation_template', 200),
  })
  .partial()
  .strict();
export type BulkExecutionChanges = z.output<typeof bulkExecutionChangesSchema>;
export const BULK_EXECUTION_KEYS = Object.keys(bulkExecutionChangesSchema.shape) as readonly (keyof BulkExecutionChanges)[];

/**
 * A bulk Edit (seed 001 "Operation details"): only the fields present change. Passwords are not
 * among them on purpose: a bulk request never carries a secret.
 */
export const bulkEditChangesSchema = z
  .object({
    /** Seed 001's "Password type". */
    credential_type: z.string().trim().min(1, 'A password type is not empty.').max(100),
    domain: clearableText('domain', 253),
    /** An existing device, by hostname and IP. */
    device: z.object({ hostname: host, ip: address }).strict(),
    additional: clearableText('additional information', ADDITIONAL_MAX_LENGTH),
    tags: z.object({ mode: z.enum(TAG_MODES), tags: z.array(tag).max(TAG_MAX_COUNT) }).strict(),
    /** The parent credential (its successful change schedules this one's): an id, or null for none. */
    parent_credential_id: z.number().int().positive().nullable(),
    /** Seed 000's MFA / human-interaction mark: marked credentials are never changed automatically or by request. */
    needs_human_interaction: z.boolean(),
    /** Lowering a highly critical credential's criticality from the editor arrives here (issue 11); null clears it. */
    criticality: criticalitySchema.nullable(),
    execution_settings: bulkExecutionChangesSchema,
  })
  .partial()
  .strict();
export type BulkEditChanges = z.output<typeof bulkEditChangesSchema>;
export type BulkEditChangesInput = z.input<typeof bulkEditChangesSchema>;

/**
 * A bulk request as main stores it, once the selection is resolved to ids (by the wizard's ids or
 * its query, `resolveCredentialSelection`): the payload limits are the selection's
 * (credential-selection.ts), checked when the wizard's request is parsed, not here again.
 */
export interface BulkRequestParsed {
  readonly action: BulkAction;
  readonly credentialIds: readonly number[];
  /** For edit only: what to change. */
  readonly changes?: BulkEditChanges | undefined;
}

/**
 * What the wizard sends: the credentials by id or, after "select all N matching", by the grid's
 * search and filters; main resolves the latter to ids (`resolveCredentialSelection`) before the
 * review or the request, so both see exactly the same credentials.
 */
export const bulkSelectionRequestSchema = z
  .object({
    action: z.enum(BULK_ACTIONS),
    ...credentialSelectionShape,
    changes: bulkEditChangesSchema.optional(),
  })
  .strict()
  .refine(oneSelection, { message: ONE_SELECTION_MESSAGE });
export type BulkSelectionRequestInput = z.input<typeof bulkSelectionRequestSchema>;

export const justificationSchema = z.string().trim().min(1, 'Say why: a justification is required.').max(2000);

/** A value in a task's From/To: text, a flag, an id, a tag list, or a device. Never a secret. */
export type BulkValue = string | number | boolean | null | readonly string[] | { readonly hostname: string; readonly ip: string };

/**
 * A field a bulk request can change: the edit fields, execution settings keys (dotted), and the
 * status or expiry the other actions set. `rotation` is the change operation Expire schedules.
 */
export type BulkField = Exclude<keyof BulkEditChanges, 'execution_settings'> | `execution_settings.${keyof BulkExecutionChanges}` | 'status' | 'expires_at' | 'rotation';

export interface BulkFieldChange {
  readonly field: BulkField;
  readonly from: BulkValue;
  readonly to: BulkValue;
}

export interface BulkPreviewItem {
  readonly id: number;
  readonly identifier: string;
  readonly eligible: boolean;
  /** Why the credential cannot be part of this request; present when not eligible. */
  readonly reason?: string;
  /** Only fields whose value would actually change. */
  readonly changes: readonly BulkFieldChange[];
}

export interface BulkBlastRadius {
  /** Eligible credentials with at least one change: what an approval would touch. */
  readonly credentials: number;
  readonly eligible: number;
  readonly ineligible: number;
  /** Eligible credentials on which nothing would change (already so). */
  readonly unchanged: number;
  /** Per field, how many credentials it would change. */
  readonly perField: Readonly<Partial<Record<BulkField, number>>>;
}

/**
 * How many credentials a preview lists with their From/To: the ineligible first (they must be seen
 * to be removed), then the others in selection order. The blast radius counts all of them; 100,000
 * items would be ~30 MB over IPC for a table nobody reads to the end. The stored request lists
 * every task, a page at a time (bulk.tasks).
 */
export const BULK_PREVIEW_ITEMS = 500;

export interface BulkPreview {
  readonly action: BulkAction;
  /** At most BULK_PREVIEW_ITEMS: see there. */
  readonly items: readonly BulkPreviewItem[];
  /** How many credentials were reviewed; more than items.length when the list is cut. */
  readonly total: number;
  readonly blastRadius: BulkBlastRadius;
}

export interface BulkDecisionView {
  readonly approver: string;
  readonly decision: BulkDecision;
  readonly justification: string;
  readonly decidedAt: string;
}

export interface BulkTaskView {
  readonly credentialId: number;
  readonly identifier: string;
  readonly changes: readonly BulkFieldChange[];
  readonly status: BulkTaskStatus;
  readonly message: string | null;
}

/** Reports > Events > Bulk operations: one request. */
export interface BulkRequestView {
  readonly id: number;
  readonly code: string;
  readonly action: BulkAction;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly expiresAt: string;
  readonly state: BulkState;
  readonly changes: BulkEditChanges | null;
  readonly credentialCount: number;
  readonly approvals: number;
  readonly rejections: number;
  readonly decisions: readonly BulkDecisionView[];
  readonly decidedAt: string | null;
  readonly appliedAt: string | null;
  readonly message: string | null;
}

/**
 * Tasks per page of a stored request (bulk.get gives the first, bulk.tasks any other): a request
 * may cover 100,000 credentials, and the approver reads its counts and pages, not 100,000 rows.
 */
export const BULK_TASK_PAGE = 500;

export interface BulkTaskPage {
  /** Every task of the request (of the status asked for, if one was). */
  readonly total: number;
  readonly rows: readonly BulkTaskView[];
}

export interface BulkRequestDetail extends BulkRequestView {
  /** The first BULK_TASK_PAGE tasks, in request order; the rest through bulk.tasks. */
  readonly tasks: readonly BulkTaskView[];
  /** How many tasks are in each status, over the whole request. */
  readonly taskCounts: Readonly<Record<BulkTaskStatus, number>>;
}

export function bulkCode(id: number): string {
  return `BULK-${String(id).padStart(6, '0')}`;
}

export const BULK_CODE_PATTERN = /^BULK-\d{6,}$/;
