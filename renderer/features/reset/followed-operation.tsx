import { useEffect, useState } from 'react';
import type { InSyncState } from '../../../shared/domain/credential-kind';
import { api } from '../../api/api';
import { STATE_LABEL, TYPE_LABEL } from '../operations/operation-labels';
import { StateBadge } from '../operations/state-badge';
import { isFinal } from '../../../shared/domain/operation-rules';
import { useFollowedOperation } from './use-followed-operation';

interface FollowedOperationProps {
  readonly code: string;
  readonly credentialId: number;
  /** What the operation is for, e.g. "The change on the target". */
  readonly what: string;
}

/** An operation's progress, live: Scheduled → Running → Success, Error or Unverified, with its message. */
export function FollowedOperation({ code, credentialId, what }: FollowedOperationProps) {
  const { operation, error } = useFollowedOperation(code);
  const inSync = useInSyncWhenFinal(credentialId, operation !== undefined && isFinal(operation.state));
  return (
    <section className="followed-operation" aria-label={`Operation ${code}`} data-testid="followed-operation">
      <p>
        {what}: <strong>{code}</strong>
        {operation && <span className="muted"> ({TYPE_LABEL[operation.type]})</span>}
      </p>
      <p role="status" aria-live="polite" data-testid="operation-state" data-state={operation?.state}>
        {operation ? <StateBadge state={operation.state} /> : 'Loading…'}
        {operation && !isFinal(operation.state) && <span className="muted"> Following it: this updates by itself.</span>}
        {operation?.state === 'AwaitingApproval' && <span data-testid="awaiting-approval"> The change is waiting for approval: an approver must accept it in Approvals before it runs.</span>}
        {operation?.state === 'Unverified' && <span> {STATE_LABEL.Unverified}: the change may have happened but could not be confirmed; pamdesk will verify it.</span>}
      </p>
      {operation?.message && <p className={operation.state === 'Error' ? 'form-error' : 'muted'}>{operation.message}</p>}
      {inSync && (
        <p data-testid="reset-in-sync">
          The credential is now <strong>{inSync}</strong>.
        </p>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </section>
  );
}

/** The credential's InSync state once the operation has ended (what a verify decided). */
function useInSyncWhenFinal(credentialId: number, final: boolean): InSyncState | undefined {
  const [state, setState] = useState<InSyncState | undefined>(undefined);
  useEffect(() => {
    if (!final) return undefined;
    let current = true;
    void api()
      .call('credential.get', { ref: credentialId })
      .then((result) => {
        if (current && result.ok) setState(result.value.in_sync);
      });
    return () => {
      current = false;
    };
  }, [credentialId, final]);
  return state;
}
