import type { BulkDecision } from '../../../shared/domain/bulk';
import { api } from '../../api/api';
import type { DecisionAnswer } from './decision-form';

/** Decides a bulk request; the answer names its new state and what applying it did. */
export async function decideBulk(code: string, decision: BulkDecision, justification: string): Promise<DecisionAnswer> {
  const result = await api().call(decision === 'approve' ? 'bulk.approve' : 'bulk.reject', { ref: code, justification });
  if (!result.ok) return { ok: false, message: result.error.message };
  return { ok: true, message: `${result.value.code} is now ${result.value.state}.${result.value.message ? ` ${result.value.message}` : ''}` };
}

/** Decides an operation Awaiting approval: approved, it is Scheduled now; rejected, it is Canceled. */
export async function decideOperation(code: string, decision: BulkDecision, justification: string): Promise<DecisionAnswer> {
  const result = await api().call(decision === 'approve' ? 'operation.approve' : 'operation.reject', { code, justification });
  if (!result.ok) return { ok: false, message: result.error.message };
  // The runner may take it at once, so the answer says what the decision did, not a passing state.
  return { ok: true, message: decision === 'approve' ? `${result.value.code} approved: it runs now.` : `${result.value.code} rejected: it was canceled.` };
}
