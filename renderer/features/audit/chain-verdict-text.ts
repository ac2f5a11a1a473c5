import type { AuditChainVerdict } from '../../../shared/contract/audit';

/** The chain banner's words, kept apart from the component so they can be checked on their own. */
export function chainVerdictText(verdict: AuditChainVerdict): string {
  if (verdict.ok) return `Verified: ${verdict.count.toLocaleString()} entries, chain intact.`;
  const what = verdict.kind === 'truncated' ? 'Audit trail truncated' : 'Audit trail rewritten';
  const before = verdict.count === 0 ? 'No entry before it verifies.' : verdict.count === 1 ? 'The entry before it verifies.' : `The ${verdict.count.toLocaleString()} entries before it verify.`;
  // The reason names the first bad entry, why it fails and what to do (from main, in the user's words).
  return `${what}, first bad entry ${verdict.firstBrokenId}. ${before} ${verdict.reason}`;
}
