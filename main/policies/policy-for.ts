import type { PasswordPolicy } from '../../shared/domain/password-policy';

/** What the resolver needs to know about a credential. */
export interface PolicySubject {
  /** credentials.policy_id: the explicitly assigned policy, if any. */
  readonly policyId: number | null;
  readonly deviceType: string | null;
  readonly tags: readonly string[];
}

export type PolicyMatch =
  | { readonly policy: PasswordPolicy; readonly reason: 'explicit' }
  | { readonly policy: PasswordPolicy; readonly reason: 'criteria'; readonly specificity: number };

/**
 * The policy that governs a credential, and why. Precedence:
 * 1. An explicit assignment (credential.policy_id) to an enabled policy beats any criteria.
 *    A disabled policy is skipped as if unassigned, so the credential falls back to criteria.
 * 2. Otherwise, among enabled policies whose criteria all match (device type in device_types
 *    when that list is non-empty; every tag in tags present on the credential), the most
 *    specific wins: specificity = (device_types set ? 1 : 0) + number of required tags, so
 *    "type + 2 tags" (3) beats "2 tags" (2) beats "type" or "1 tag" (1) beats a default (0).
 * 3. Ties: higher priority, then name (plain code-point order, so the answer never depends on
 *    the locale), then lower id.
 * No match: null (the caller uses its built-in default strength).
 */
export function policyFor(subject: PolicySubject, policies: readonly PasswordPolicy[]): PolicyMatch | null {
  const enabled = policies.filter((p) => p.enabled);
  const explicit = subject.policyId === null ? undefined : enabled.find((p) => p.id === subject.policyId);
  if (explicit !== undefined) return { policy: explicit, reason: 'explicit' };
  const candidates = enabled
    .filter((p) => matches(p, subject))
    .map((policy) => ({ policy, specificity: specificity(policy) }))
    .sort((a, b) => b.specificity - a.specificity || b.policy.priority - a.policy.priority || compareText(a.policy.name, b.policy.name) || a.policy.id - b.policy.id);
  const best = candidates[0];
  return best === undefined ? null : { policy: best.policy, reason: 'criteria', specificity: best.specificity };
}

function matches(policy: PasswordPolicy, subject: PolicySubject): boolean {
  const { device_types: types, tags } = policy.criteria;
  const typeOk = types.length === 0 || (subject.deviceType !== null && types.includes(subject.deviceType));
  return typeOk && tags.every((tag) => subject.tags.includes(tag));
}

function specificity(policy: PasswordPolicy): number {
  return (policy.criteria.device_types.length > 0 ? 1 : 0) + new Set(policy.criteria.tags).size;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
