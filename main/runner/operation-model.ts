import type { ColumnType, Generated } from 'kysely';
import type { OperationStateName, OperationTypeName } from '../../shared/contract/operation-channels';

/** Seed 000's states, plus Unverified: the target may hold a candidate the vault has not adopted. */
export type OperationState = OperationStateName;
export type OperationType = OperationTypeName;

export const OPERATION_TRIGGERS = [
  'manual',
  'expiration_period',
  'expiration_view',
  'parent_chain',
  'reconcile_after_failure',
  'periodic_verify',
  'bulk_expire',
  'reset_credential',
] as const;
export type OperationTrigger = (typeof OPERATION_TRIGGERS)[number];

export const ATTEMPT_OUTCOMES = ['success', 'error', 'unverified', 'interrupted'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export { changesSecret } from '../../shared/domain/operation-rules';

/** Tables of migration 0005. */
export interface OperationsTables {
  readonly operations: {
    readonly id: Generated<number>;
    readonly code: string;
    readonly type: OperationType;
    readonly credential_id: number;
    readonly device_id: number;
    readonly template_id: number | null;
    readonly template_version: number | null;
    readonly requester: string;
    readonly trigger: OperationTrigger;
    readonly parent_operation_id: number | null;
    readonly scheduled_at: string;
    readonly priority: ColumnType<number, number | undefined, number>;
    readonly state: OperationState;
    readonly attempts_made: ColumnType<number, number | undefined, number>;
    readonly max_attempts: ColumnType<number, number | undefined, number>;
    readonly next_attempt_at: string;
    readonly lease_owner: string | null;
    readonly lease_expires_at: string | null;
    readonly candidate_secret: Buffer | null;
    readonly candidate_public_key: string | null;
    readonly base_version: number | null;
    /** 1 when the request brought its own candidate (reset dialog); migration 0007. */
    readonly candidate_preset: ColumnType<number, number | undefined, number>;
    /** 1 once the candidate may have reached the target (set just before the template runs). */
    readonly candidate_sent: ColumnType<number, number | undefined, number>;
    /** Unverified only: when the runner next tries to settle it (null: an administrator must); migration 0009. */
    readonly settle_at: ColumnType<string | null, string | null | undefined, string | null>;
    /** Unverified only: settle tries that found neither secret accepted yet; migration 0009. */
    readonly settle_tries: ColumnType<number, number | undefined, number>;
    readonly message: string | null;
    readonly created_at: string;
    readonly updated_at: string;
    readonly started_at: string | null;
    readonly finished_at: string | null;
  };
  readonly attempts: {
    readonly id: Generated<number>;
    readonly operation_id: number;
    readonly number: number;
    readonly started_at: string;
    readonly ended_at: string | null;
    readonly outcome: AttemptOutcome | null;
    readonly transcript: ColumnType<string, string | undefined, string>;
    readonly error: string | null;
    readonly runner: string;
  };
}
