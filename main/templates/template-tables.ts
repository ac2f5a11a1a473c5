import type { ColumnType, Generated } from 'kysely';
import type { TemplateExecutor, TemplateOperationType } from '../../shared/domain/template';

/** Tables of migration 0004: templates, their versions, password policies. */
export interface TemplatesTables {
  readonly templates: {
    readonly id: Generated<number>;
    readonly name: string;
    readonly executor: TemplateExecutor;
    readonly operation_type: TemplateOperationType;
    readonly active: ColumnType<number, number | undefined, number>;
    readonly builtin: ColumnType<number, number | undefined, number>;
    readonly current_version: number;
    readonly created_at: string;
    readonly updated_at: string;
    /** Archived (migration 0014): when and by whom; NULL = live. See main/lifecycle/archived.ts. */
    readonly archived_at: ColumnType<string | null, string | null | undefined, string | null>;
    readonly archived_by: ColumnType<string | null, string | null | undefined, string | null>;
  };
  readonly template_versions: {
    readonly template_id: number;
    readonly version: number;
    readonly body: string;
    readonly variables: ColumnType<string, string | undefined, string>;
    readonly secret_values: Buffer | null;
    readonly created_at: string;
    readonly created_by: string;
  };
  readonly password_policies: {
    readonly id: Generated<number>;
    readonly name: string;
    readonly definition: string;
    readonly criteria: ColumnType<string, string | undefined, string>;
    readonly priority: ColumnType<number, number | undefined, number>;
    readonly enabled: ColumnType<number, number | undefined, number>;
    readonly created_at: string;
    readonly updated_at: string;
    /** Archived (migration 0014): when and by whom; NULL = live. See main/lifecycle/archived.ts. */
    readonly archived_at: ColumnType<string | null, string | null | undefined, string | null>;
    readonly archived_by: ColumnType<string | null, string | null | undefined, string | null>;
  };
}
