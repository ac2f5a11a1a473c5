import type { ColumnType, Generated } from 'kysely';

export type SiemSource = 'audit' | 'attempt';

/** Table of migration 0008. message is the formatted RFC 5424 text, already redacted. */
export interface SiemTables {
  readonly siem_queue: {
    readonly id: Generated<number>;
    /** What the message reports: an audit entry, or an operation attempt's result. */
    readonly source: SiemSource;
    readonly source_id: number;
    readonly message: string;
    readonly attempts: ColumnType<number, number | undefined, number>;
    /** ISO 8601; a message is sent once this has passed. */
    readonly next_attempt_at: string;
    readonly last_error: string | null;
    readonly created_at: string;
  };
}
