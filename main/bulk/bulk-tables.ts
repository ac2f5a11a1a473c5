import type { Generated } from 'kysely';
import type { BulkAction, BulkDecision, BulkState, BulkTaskStatus } from '../../shared/domain/bulk';

/** Tables of migration 0006. Timestamps are ISO-8601 UTC strings; JSON columns never hold secrets. */
export interface BulkTables {
  readonly bulk_requests: {
    readonly id: Generated<number>;
    /** BULK-000001, derived from the id. */
    readonly code: string;
    readonly action: BulkAction;
    readonly requested_by: string;
    /** The requester's user id: four eyes compares people, not spellings of a name. */
    readonly requested_by_user_id: string;
    readonly requested_at: string;
    readonly expires_at: string;
    readonly state: BulkState;
    /** JSON of BulkEditChanges for edit; null for the other actions. */
    readonly changes: string | null;
    readonly credential_count: number;
    readonly decided_at: string | null;
    readonly applied_at: string | null;
    readonly message: string | null;
  };
  readonly bulk_decisions: {
    readonly id: Generated<number>;
    readonly request_id: number;
    readonly approver: string;
    readonly approver_user_id: string;
    readonly decision: BulkDecision;
    readonly justification: string;
    readonly decided_at: string;
  };
  readonly bulk_tasks: {
    readonly id: Generated<number>;
    readonly request_id: number;
    /** Not a foreign key: the report keeps a task after its credential is deleted. */
    readonly credential_id: number;
    readonly identifier: string;
    /** JSON object field -> value at request time. */
    readonly from_values: string;
    /** JSON object field -> value to write on approval. */
    readonly to_values: string;
    readonly status: BulkTaskStatus;
    readonly message: string | null;
  };
}
