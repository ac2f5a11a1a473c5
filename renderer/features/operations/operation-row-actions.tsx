import type { OperationView } from '../../../shared/contract/operation-channels';
import { isCancelable, isRestartable, isSettleable } from '../../../shared/domain/operation-rules';
import { useCan } from '../../stores/session-store';

export type OperationAction = 'details' | 'attempts' | 'restart' | 'now' | 'cancel' | 'editCredential' | 'editDevice' | 'verify' | 'reconcile';

interface OperationRowActionsProps {
  readonly operation: OperationView;
  readonly busy: boolean;
  readonly onAction: (action: OperationAction, operation: OperationView) => void;
}

/**
 * Seed 000's actions, each offered only in the states where it applies: restart after Error,
 * immediate execution while Scheduled, cancel while Scheduled or Awaiting approval, settle (in the
 * details dialog) while Unverified.
 */
export function OperationRowActions({ operation, busy, onAction }: OperationRowActionsProps) {
  const canRequest = useCan('operation.request');
  const canEditCredential = useCan('credential.write');
  const canEditDevice = useCan('device.write');
  const canSettle = useCan('operation.settle');
  const { code, state } = operation;
  const button = (action: OperationAction, label: string, name: string) => (
    <button type="button" className="link-button" aria-label={`${name} ${code}`} disabled={busy} onClick={() => onAction(action, operation)}>
      {label}
    </button>
  );
  return (
    <span className="row-actions">
      {button('details', 'Details', 'Details of')}
      {operation.attemptsMade > 0 && button('attempts', 'Attempts', 'View attempts of')}
      {canRequest && isRestartable(state) && button('restart', 'Restart', 'Restart execution of')}
      {canRequest && state === 'Scheduled' && button('now', 'Run now', 'Request immediate execution of')}
      {canRequest && isCancelable(state) && button('cancel', 'Cancel', 'Cancel operation')}
      {canSettle && isSettleable(state) && button('details', 'Settle', 'Settle')}
      {canEditCredential && button('editCredential', 'Credential', 'Edit credential of')}
      {canEditDevice && button('editDevice', 'Device', 'Edit device of')}
      {canRequest && button('verify', 'Verify', `Verify ${operation.identifier}, credential of`)}
      {canRequest && button('reconcile', 'Reconcile', `Reconcile ${operation.identifier}, credential of`)}
    </span>
  );
}
