import type { AuditChainVerdict, AuditSignatureCoverage } from '../../../shared/contract/audit';

/** The chain banner's words, kept apart from the component so they can be checked on their own. */
export function chainVerdictText(verdict: AuditChainVerdict): string {
  if (verdict.ok) return `Verified: ${verdict.count.toLocaleString()} entries, chain intact.${signatureWords(verdict.signatures)}`;
  const what = verdict.kind === 'truncated' ? 'Audit trail truncated' : 'Audit trail rewritten';
  const before = verdict.count === 0 ? 'No entry before it verifies.' : verdict.count === 1 ? 'The entry before it verifies.' : `The ${verdict.count.toLocaleString()} entries before it verify.`;
  // The reason names the first bad entry, why it fails and what to do (from main, in the user's words).
  return `${what}, first bad entry ${verdict.firstBrokenId}. ${before} ${verdict.reason}`;
}

/** How far signatures were checked: the quick check vouches through the chain, and says how to check each one. */
function signatureWords(signatures: AuditSignatureCoverage | undefined): string {
  if (signatures === undefined) return '';
  const n = signatures.checked.toLocaleString();
  if (signatures.mode === 'every') return ` Every entry's signature verified (${n}).`;
  return ` Signatures: the newest entry of each signer verified (${n}), which vouches for the entries before it through the chain; \`pamdesk audit verify --every-signature\` checks each entry's own.`;
}
