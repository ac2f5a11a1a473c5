import { describe, expect, it } from 'vitest';
import type { PasswordPolicy } from '../../../shared/domain/password-policy';
import { policyFor, type PolicySubject } from '../../../main/policies/policy-for';

const DEFINITION: PasswordPolicy['definition'] = {
  strength: { lowercase: 4, uppercase: 4, digits: 4, symbols: 0, allowed_symbols: '', allow_repeated_characters: true },
  expiration: { every: 30, unit: 'days' },
  view_expiration_hours: 4,
  change_window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: [1, 2, 3] },
  historyLength: 10,
};

let nextId = 1;
const policy = (name: string, criteria: Partial<PasswordPolicy['criteria']> = {}, over: Partial<PasswordPolicy> = {}): PasswordPolicy => ({
  id: nextId++,
  name,
  definition: DEFINITION,
  criteria: { device_types: [], tags: [], ...criteria },
  priority: 0,
  enabled: true,
  ...over,
});

const subject = (over: Partial<PolicySubject> = {}): PolicySubject => ({ policyId: null, deviceType: 'Linux', tags: ['prod', 'pci'], ...over });
const winner = (s: PolicySubject, policies: readonly PasswordPolicy[]) => policyFor(s, policies)?.policy.name ?? null;

describe('policyFor', () => {
  const fallback = policy('Default');
  const linux = policy('Linux', { device_types: ['Linux'] });
  const prod = policy('Prod', { tags: ['prod'] });
  const linuxProd = policy('Linux prod', { device_types: ['Linux'], tags: ['prod'] });
  const prodPci = policy('Prod PCI', { tags: ['prod', 'pci'] });
  const windows = policy('Windows', { device_types: ['Windows'], tags: ['prod', 'pci', 'x'] });

  it('an explicit assignment beats every criterion', () => {
    const match = policyFor(subject({ policyId: fallback.id }), [fallback, linuxProd, prodPci]);
    expect(match).toEqual({ policy: fallback, reason: 'explicit' });
  });

  it('a disabled explicit policy falls back to criteria', () => {
    const off = policy('Off', {}, { enabled: false });
    expect(policyFor(subject({ policyId: off.id }), [off, linux])).toMatchObject({ reason: 'criteria', policy: { name: 'Linux' } });
  });

  it('the most specific matching criteria win; non-matching ones are ignored', () => {
    expect(winner(subject(), [fallback, linux, prod, linuxProd, windows])).toBe('Linux prod');
    // "Linux prod" (type + 1 tag) and "Prod PCI" (2 tags) are equally specific (2): the name decides.
    expect(winner(subject(), [fallback, linux, prod, prodPci, linuxProd, windows])).toBe('Linux prod');
    const linuxProdPci = policy('Linux prod PCI', { device_types: ['Linux'], tags: ['prod', 'pci'] });
    expect(policyFor(subject(), [linuxProd, prodPci, linuxProdPci])).toMatchObject({ reason: 'criteria', specificity: 3, policy: { name: 'Linux prod PCI' } });
    expect(winner(subject({ tags: ['prod'] }), [fallback, linux, prodPci])).toBe('Linux');
    expect(winner(subject({ deviceType: null, tags: [] }), [fallback, linux, prod])).toBe('Default');
    expect(winner(subject({ deviceType: null, tags: [] }), [linux, prod])).toBeNull();
  });

  it('ties go to the higher priority, then the name, then the id', () => {
    const a = policy('B high', { tags: ['prod'] }, { priority: 10 });
    const b = policy('A low', { tags: ['prod'] }, { priority: 1 });
    expect(winner(subject(), [b, a])).toBe('B high');
    const c = policy('A same', { tags: ['pci'] }, { priority: 10 });
    expect(winner(subject(), [a, c])).toBe('A same');
  });

  it('disabled policies never match', () => {
    expect(winner(subject(), [policy('Off', { device_types: ['Linux'] }, { enabled: false }), fallback])).toBe('Default');
  });
});
