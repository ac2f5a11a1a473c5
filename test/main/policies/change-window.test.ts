import { describe, expect, it } from 'vitest';
import { passwordPolicyDefinitionSchema, type PasswordPolicyDefinition } from '../../../shared/domain/password-policy';
import { expiresAfterReveal, expiresAt, isAutomaticChangeAllowed } from '../../../main/policies/change-window';

const DEFINITION: PasswordPolicyDefinition = {
  strength: { lowercase: 8, uppercase: 4, digits: 4, symbols: 2, allowed_symbols: '!#', allow_repeated_characters: false },
  expiration: { every: 30, unit: 'days' },
  view_expiration_hours: 4,
  change_window: { days: ['sat', 'sun'], hours: [2, 3] },
  historyLength: 10,
};

describe('policy timing', () => {
  it('automatic changes only on the allowed days and hours (local time)', () => {
    expect(isAutomaticChangeAllowed(DEFINITION, new Date(2026, 10, 21, 2, 30))).toBe(true); // a Saturday
    expect(isAutomaticChangeAllowed(DEFINITION, new Date(2026, 10, 21, 4, 0))).toBe(false);
    expect(isAutomaticChangeAllowed(DEFINITION, new Date(2026, 10, 23, 2, 30))).toBe(false); // a Monday
  });

  it('expiration by age and after a reveal', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(expiresAt(DEFINITION, at)?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(expiresAt({ ...DEFINITION, expiration: { every: 12, unit: 'hours' } }, at)?.toISOString()).toBe('2026-01-01T12:00:00.000Z');
    expect(expiresAt({ ...DEFINITION, expiration: null }, at)).toBeNull();
    expect(expiresAfterReveal(DEFINITION, at)?.toISOString()).toBe('2026-01-01T04:00:00.000Z');
    expect(expiresAfterReveal({ ...DEFINITION, view_expiration_hours: null }, at)).toBeNull();
  });

  it('the definition schema accepts this and refuses an empty window', () => {
    expect(passwordPolicyDefinitionSchema.parse(DEFINITION)).toEqual(DEFINITION);
    expect(passwordPolicyDefinitionSchema.safeParse({ ...DEFINITION, change_window: { days: [], hours: [1] } }).error?.issues[0]?.message).toMatch(/at least one day/);
  });
});
