import type { Kysely } from 'kysely';
import type { ExportedText } from '../../shared/contract/audit';
import type { AttemptView, OperationFilter, OperationView } from '../../shared/contract/operation-channels';
import { toCsv } from '../csv/csv-write';
import { listAttempts, listOperations } from '../runner/operation-queries';
import type { VaultDatabase } from '../vault/database/vault-schema';

const PAGE = 500;

const OPERATION_COLUMNS = ['code', 'type', 'state', 'identifier', 'username', 'hostname', 'ip', 'template', 'requester', 'trigger', 'priority', 'scheduled_at', 'started_at', 'finished_at', 'attempts_made', 'max_attempts', 'message', 'parent_code'] as const;
// Transcripts stay out: they are masked, but long, and belong to the attempt's own view.
const ATTEMPT_COLUMNS = ['id', 'operation_code', 'operation_type', 'identifier', 'hostname', 'number', 'started_at', 'ended_at', 'outcome', 'error', 'runner'] as const;

async function allPages<T>(page: (offset: number) => Promise<{ total: number; rows: readonly T[] }>): Promise<T[]> {
  const rows: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const result = await page(offset);
    rows.push(...result.rows);
    if (result.rows.length < PAGE) return rows;
  }
}

function operationRow(op: OperationView) {
  return [op.code, op.type, op.state, op.identifier, op.username, op.hostname, op.ip, op.templateName === null ? null : `${op.templateName} v${op.templateVersion ?? ''}`, op.requester, op.trigger, op.priority, op.scheduledAt, op.startedAt, op.finishedAt, op.attemptsMade, op.maxAttempts, op.message, op.parentCode];
}

function attemptRow(a: AttemptView) {
  return [a.id, a.operationCode, a.operationType, a.identifier, a.hostname, a.number, a.startedAt, a.endedAt, a.outcome, a.error, a.runner];
}

/** The operations report (as the list filters it, newest first). */
export async function exportOperations(db: Kysely<VaultDatabase>, filter: Omit<OperationFilter, 'offset' | 'limit'>, now: Date): Promise<ExportedText> {
  const rows = await allPages((offset) => listOperations(db, { ...filter, offset, limit: PAGE }));
  return { format: 'csv', filename: `pamdesk-operations-${now.toISOString().slice(0, 10)}.csv`, count: rows.length, text: toCsv(OPERATION_COLUMNS, rows.map(operationRow)) };
}

/** The attempts report, newest first, optionally one outcome only. */
export async function exportAttempts(db: Kysely<VaultDatabase>, outcome: AttemptView['outcome'] | undefined, now: Date): Promise<ExportedText> {
  const rows = await allPages((offset) => listAttempts(db, { offset, limit: PAGE, ...(outcome ? { outcome } : {}) }));
  return { format: 'csv', filename: `pamdesk-attempts-${now.toISOString().slice(0, 10)}.csv`, count: rows.length, text: toCsv(ATTEMPT_COLUMNS, rows.map(attemptRow)) };
}
