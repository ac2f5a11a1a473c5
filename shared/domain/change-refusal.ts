/**
 * Seed 000: a credential that needs MFA or another human step at login is never changed
 * automatically or by request. This is the one eligibility rule every path that would put a new
 * secret on a target asks (manual request, reset on target, period and view triggers, parent chain,
 * bulk expire, reconciliation): main/runner/operation-store.ts createOperation enforces it for every
 * secret-changing operation, and the callers ask it first so their refusal names the credential.
 */
export interface ChangeSubject {
  readonly identifier: string;
  /** The credentials.needs_human_interaction column (0/1) or the view's boolean. */
  readonly needs_human_interaction: boolean | number;
}

/** Why pamdesk will not change this credential's secret on its target, or null when it may. */
export function changeRefusal(credential: ChangeSubject): string | null {
  if (credential.needs_human_interaction === true || credential.needs_human_interaction === 1) {
    return `${credential.identifier} needs MFA or human interaction: pamdesk never changes it; change it by hand, then record the secret with a vault-only reset.`;
  }
  return null;
}
