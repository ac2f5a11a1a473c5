import { describe, expect, it } from 'vitest';
import { formFromPolicy, NEW_POLICY_FORM, policyInput, validatePolicy } from '../../../../renderer/features/policies/policy-form';
import { policyInputSchema } from '../../../../shared/contract/policy-channels';

describe('policy form: password history length', () => {
  it('starts at 10, round-trips through the contract, and is refused outside 0..100 against its field', () => {
    expect(NEW_POLICY_FORM.history_length).toBe('10');
    const input = policyInput({ ...NEW_POLICY_FORM, name: 'Servers', history_length: '3' });
    expect(input.definition.historyLength).toBe(3);
    const saved = policyInputSchema.parse(input);
    expect(formFromPolicy({ id: 1, ...saved }).history_length).toBe('3');
    expect(validatePolicy({ ...NEW_POLICY_FORM, name: 'Servers', history_length: '0' })).toBeUndefined();
    expect(validatePolicy({ ...NEW_POLICY_FORM, name: 'Servers', history_length: '101' })).toEqual({ 'definition.historyLength': 'The history length is at most 100' });
    expect(validatePolicy({ ...NEW_POLICY_FORM, name: 'Servers', history_length: '' })).toEqual({ 'definition.historyLength': 'Enter a whole number' });
  });
});
