import { useCallback, useEffect, useState } from 'react';
import type { OperationView } from '../../../shared/contract/operation-channels';
import { api } from '../../api/api';
import { Dialog } from '../shared-ui/dialog';
import { formatTime, STATE_LABEL, TYPE_LABEL } from './operation-labels';
import { SettleUnverifiedPanel } from './settle-unverified-panel';
import { useOperationEvents } from './use-operation-events';

interface OperationDetailsDialogProps {
  readonly operation: OperationView;
  readonly onClose: () => void;
}

/** Seed 000's "Operation details": everything the list knows about one operation, kept live. */
export function OperationDetailsDialog({ operation, onClose }: OperationDetailsDialogProps) {
  const [op, setOp] = useState(operation);
  const [error, setError] = useState<string | undefined>(undefined);
  const load = useCallback(() => {
    void api()
      .call('operation.get', { code: operation.code })
      .then((result) => {
        if (result.ok) setOp(result.value);
        else setError(`The latest state of ${operation.code} could not be loaded: ${result.error.message}`);
      });
  }, [operation.code]);
  useEffect(load, [load]);
  useOperationEvents(load);

  const rows: [string, string][] = [
    ['Code', op.code],
    ['State', STATE_LABEL[op.state]],
    ['Operation', TYPE_LABEL[op.type]],
    ['Credential', `${op.identifier} (${op.username})`],
    ['Device', `${op.hostname} (${op.ip})`],
    ['Vendor', op.vendor ?? '—'],
    ['Model', op.model ?? '—'],
    ['Device tags', op.tags.join(', ') || '—'],
    ['Template', op.templateName ? `${op.templateName}${op.templateVersion ? ` (version ${op.templateVersion})` : ''}` : '—'],
    ['Requester', op.requester],
    ['Trigger', op.trigger],
    ['Priority', String(op.priority)],
    ['Scheduled', formatTime(op.scheduledAt)],
    ['Started', formatTime(op.startedAt)],
    ['Finished', formatTime(op.finishedAt)],
    ['Attempts', `${op.attemptsMade} of at most ${op.maxAttempts}`],
    ['Parent operation', op.parentCode ?? '—'],
    ['Message', op.message ?? '—'],
  ];
  return (
    <Dialog
      title={`Operation ${op.code}`}
      onClose={onClose}
      footer={
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      }
    >
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <dl className="details-list">
        {rows.map(([term, value]) => (
          <Detail key={term} term={term} value={value} />
        ))}
      </dl>
      <SettleUnverifiedPanel operation={op} />
    </Dialog>
  );
}

function Detail({ term, value }: { readonly term: string; readonly value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}
