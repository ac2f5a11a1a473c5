import { assertNever } from '../../shared/assert-never';
import { WEEKDAYS, type ExpirationUnit, type PasswordPolicyDefinition } from '../../shared/domain/password-policy';

/**
 * Whether an automatic change may start at `at`, by the policy's allowed days and hours, read in
 * the runner's local time zone (the one the operator configured the window in). Manual changes
 * are not subject to the window.
 */
export function isAutomaticChangeAllowed(definition: PasswordPolicyDefinition, at: Date): boolean {
  const day = WEEKDAYS[at.getDay()];
  return day !== undefined && definition.change_window.days.includes(day) && definition.change_window.hours.includes(at.getHours());
}

/** When the password expires by age: last change + period; null when the policy has no expiration. */
export function expiresAt(definition: PasswordPolicyDefinition, lastChange: Date): Date | null {
  if (definition.expiration === null) return null;
  return new Date(lastChange.getTime() + definition.expiration.every * hoursPer(definition.expiration.unit) * 3_600_000);
}

/** When a revealed password must change: reveal time + view expiration; null when reveals do not count. */
export function expiresAfterReveal(definition: PasswordPolicyDefinition, revealedAt: Date): Date | null {
  return definition.view_expiration_hours === null ? null : new Date(revealedAt.getTime() + definition.view_expiration_hours * 3_600_000);
}

function hoursPer(unit: ExpirationUnit): number {
  switch (unit) {
    case 'hours':
      return 1;
    case 'days':
      return 24;
    default:
      return assertNever(unit, 'expiration unit');
  }
}
