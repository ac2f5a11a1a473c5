import type { AttemptView, OperationStateName, OperationTypeName } from '../../../shared/contract/operation-channels';

/** Seed 000's names for the states, in its order. */
export const STATE_LABEL: Readonly<Record<OperationStateName, string>> = {
  Scheduled: 'Scheduled',
  AwaitingApproval: 'Awaiting approval',
  Canceled: 'Canceled',
  Running: 'Running',
  Success: 'Success',
  Error: 'Error',
  Expired: 'Expired',
  Unverified: 'Unverified',
};

export const TYPE_LABEL: Readonly<Record<OperationTypeName, string>> = {
  change_password: 'Change password',
  child_password_change: 'Child password change',
  verify: 'Verify',
  reconcile: 'Reconcile',
  ssh_key_rotation: 'SSH key rotation',
  credential_activation: 'Credential activation',
  credential_inactivation: 'Credential inactivation',
};

export const OUTCOME_LABEL: Readonly<Record<NonNullable<AttemptView['outcome']>, string>> = {
  success: 'Success',
  error: 'Error',
  unverified: 'Unverified',
  interrupted: 'Interrupted',
};

/** A timestamp in the operator's locale; '—' when the moment has not come. */
export function formatTime(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** The tone a state badge takes: failures stand out, finished successes are calm. */
export function stateTone(state: OperationStateName): 'danger' | 'success' | 'warning' | 'neutral' {
  if (state === 'Error' || state === 'Expired') return 'danger';
  if (state === 'Unverified') return 'warning';
  if (state === 'Success') return 'success';
  return 'neutral';
}
