import { useEffect, useState } from 'react';
import { BULK_TASK_STATUSES, type BulkRequestDetail, type BulkTaskView } from '../../../shared/domain/bulk';
import { api } from '../../api/api';
import { formatTime } from '../operations/operation-labels';
import { ACTION_LABEL, fieldLabel, formatValue, TASK_STATUS_LABEL } from './bulk-labels';
import { BulkStateBadge, TaskStatusBadge } from './bulk-state-badge';
import { VirtualTable } from './virtual-table';

/**
 * The request's tasks as far as read: its first page, then each further page the reader asks for
 * (bulk.tasks), so a request of 100,000 credentials never crosses IPC whole.
 */
function useTaskPages(request: BulkRequestDetail) {
  const [tasks, setTasks] = useState<readonly BulkTaskView[]>(request.tasks);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  // A reload (a decision, a bulk.changed) starts again from the request's first page.
  useEffect(() => {
    setTasks(request.tasks);
    setError(undefined);
  }, [request]);
  async function more() {
    setBusy(true);
    const result = await api().call('bulk.tasks', { ref: request.id, offset: tasks.length });
    setBusy(false);
    if (result.ok) setTasks([...tasks, ...result.value.rows]);
    else setError(`More tasks could not be loaded: ${result.error.message}`);
  }
  return { tasks, error, busy, more };
}

/** A request's facts, its decisions with their justifications, and its per-credential tasks. */
export function BulkRequestDetails({ request }: { readonly request: BulkRequestDetail }) {
  const { tasks, error, busy, more } = useTaskPages(request);
  const total = BULK_TASK_STATUSES.reduce((sum, status) => sum + request.taskCounts[status], 0);
  const counts = BULK_TASK_STATUSES.filter((status) => request.taskCounts[status] > 0).map((status) => `${request.taskCounts[status].toLocaleString()} ${TASK_STATUS_LABEL[status].toLowerCase()}`);
  return (
    <div className="bulk-request-details">
      <dl className="details-list">
        <dt>State</dt>
        <dd data-testid="bulk-state">
          <BulkStateBadge state={request.state} />
        </dd>
        <dt>Action</dt>
        <dd>{ACTION_LABEL[request.action]}</dd>
        <dt>Requested by</dt>
        <dd>{request.requestedBy}</dd>
        <dt>Requested at</dt>
        <dd>{formatTime(request.requestedAt)}</dd>
        <dt>Expires</dt>
        <dd>{formatTime(request.expiresAt)}</dd>
        <dt>Credentials</dt>
        <dd>{request.credentialCount.toLocaleString()}</dd>
        {request.appliedAt && (
          <>
            <dt>Applied at</dt>
            <dd>{formatTime(request.appliedAt)}</dd>
          </>
        )}
        {request.message && (
          <>
            <dt>Message</dt>
            <dd>{request.message}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="bulk-decisions-title">
        <h3 id="bulk-decisions-title">Decisions</h3>
        {request.decisions.length === 0 ? (
          <p className="empty-note">No decision yet.</p>
        ) : (
          <ul className="bulk-decisions" aria-label="Decisions">
            {request.decisions.map((d, i) => (
              <li key={i}>
                <strong>{d.decision === 'approve' ? 'Approved' : 'Rejected'}</strong> by {d.approver} at {formatTime(d.decidedAt)}: <q>{d.justification}</q>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="bulk-tasks-title">
        <h3 id="bulk-tasks-title">Tasks ({total.toLocaleString()})</h3>
        {counts.length > 0 && <p className="muted" data-testid="bulk-task-counts">{counts.join(', ')}</p>}
        {tasks.length === 0 ? (
          <p className="empty-note">This request has no tasks.</p>
        ) : (
          <VirtualTable
            label="Tasks"
            testId="bulk-tasks"
            rowHeight={44}
            height={300}
            columns={[
              { header: 'Credential', width: 'minmax(130px, 1.2fr)' },
              { header: 'Changes (From → To)', width: 'minmax(220px, 3fr)' },
              { header: 'Status', width: '100px' },
              { header: 'Message', width: 'minmax(120px, 1.5fr)' },
            ]}
            rowCount={tasks.length}
            rowKey={(i) => tasks[i]?.credentialId ?? i}
            renderRow={(i) => {
              const task = tasks[i];
              if (!task) return [];
              const changes = task.changes.map((c) => `${fieldLabel(c.field)}: ${formatValue(c.field, c.from)} → ${formatValue(c.field, c.to)}`).join('; ');
              return [
                task.identifier,
                <span key="c" className="bulk-task-changes" title={changes}>
                  {changes || 'No change'}
                </span>,
                <TaskStatusBadge key="s" status={task.status} />,
                <span key="m" title={task.message ?? undefined}>
                  {task.message ?? ''}
                </span>,
              ];
            }}
          />
        )}
        {tasks.length < total && (
          <p>
            Showing {tasks.length.toLocaleString()} of {total.toLocaleString()}.{' '}
            <button type="button" className="link-button" onClick={() => void more()} disabled={busy}>
              {busy ? 'Loading…' : 'Show more'}
            </button>
          </p>
        )}
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
      </section>
    </div>
  );
}
