import { describe, expect, it } from 'vitest';
import { DEFAULT_SYMBOLS, passwordStrengthSchema, type PasswordStrength } from '../../../shared/domain/password-policy';
import { PasswordPolicyError, generatePassword } from '../../../main/policies/generate-password';

const strength = (over: Partial<PasswordStrength>): PasswordStrength => ({
  lowercase: 4,
  uppercase: 4,
  digits: 4,
  symbols: 4,
  allowed_symbols: DEFAULT_SYMBOLS,
  allow_repeated_characters: true,
  ...over,
});

const countOf = (password: string, re: RegExp) => [...password].filter((c) => re.test(c)).length;

describe('generatePassword', () => {
  it('has exactly the asked counts of each class, symbols only from the allowed set', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword(strength({ lowercase: 3, uppercase: 5, digits: 2, symbols: 6, allowed_symbols: '!#%' }));
      expect(password).toHaveLength(16);
      expect(countOf(password, /[a-z]/)).toBe(3);
      expect(countOf(password, /[A-Z]/)).toBe(5);
      expect(countOf(password, /[0-9]/)).toBe(2);
      expect(countOf(password, /[!#%]/)).toBe(6);
    }
  });

  it('without repetition no character appears twice, up to the 70-character limit', () => {
    const policy = strength({ lowercase: 26, uppercase: 26, digits: 10, symbols: 8, allowed_symbols: '!#$%&*+-', allow_repeated_characters: false });
    for (let i = 0; i < 50; i++) {
      const password = generatePassword(policy);
      expect(password).toHaveLength(70);
      expect(new Set(password).size).toBe(70);
    }
  });

  it('a digits-only legacy policy (Segura\'s example)', () => {
    expect(generatePassword(strength({ lowercase: 0, uppercase: 0, digits: 5, symbols: 0 }))).toMatch(/^\d{5}$/);
  });

  it('never contains the username, case-insensitively', () => {
    // With digits only, "12" turns up in about 4% of 5-digit draws, so 300 runs exercise the redraw.
    for (let i = 0; i < 300; i++) expect(generatePassword(strength({ lowercase: 0, uppercase: 0, symbols: 0, digits: 5 }), '12')).not.toContain('12');
    for (let i = 0; i < 300; i++) expect(generatePassword(strength({ lowercase: 2, uppercase: 2, digits: 0, symbols: 0 }), 'aB').toLowerCase()).not.toContain('ab');
  });

  it('explains when the username cannot be avoided', () => {
    const everyLetter = strength({ lowercase: 26, uppercase: 0, digits: 0, symbols: 0, allow_repeated_characters: false });
    expect(() => generatePassword(everyLetter, 'a')).toThrow(/without the username "a".*Allow repeated characters/);
  });

  it('refuses a policy it cannot satisfy, saying why', () => {
    expect(() => generatePassword(strength({ lowercase: 27, allow_repeated_characters: false }))).toThrow(PasswordPolicyError);
    expect(() => generatePassword(strength({ symbols: 5, allowed_symbols: '!#', allow_repeated_characters: false }))).toThrow(/at most 2 allowed symbols/);
    expect(() => generatePassword(strength({ symbols: 1, allowed_symbols: '' }))).toThrow(/allows none/);
    expect(() => generatePassword(strength({ lowercase: 0, uppercase: 0, digits: 0, symbols: 0 }))).toThrow(/length .* is 0/);
  });
});

describe('passwordStrengthSchema', () => {
  it('enforces 256 characters, or 70 without repetition', () => {
    expect(passwordStrengthSchema.safeParse(strength({ lowercase: 250, uppercase: 6, digits: 0, symbols: 0 })).success).toBe(true);
    expect(passwordStrengthSchema.safeParse(strength({ lowercase: 250, uppercase: 7, digits: 0, symbols: 0 })).error?.issues[0]?.message).toMatch(/maximum is 256/);
    const tooLong = passwordStrengthSchema.safeParse(strength({ lowercase: 26, uppercase: 26, digits: 10, symbols: 9, allowed_symbols: '!#$%&*+-.', allow_repeated_characters: false }));
    expect(tooLong.error?.issues.map((i) => i.message)).toEqual([expect.stringMatching(/71 characters; without repeated characters the maximum is 70/)]);
  });

  it('allows only printable ASCII punctuation as symbols, each once', () => {
    expect(passwordStrengthSchema.safeParse(strength({ allowed_symbols: '!# ' })).error?.issues[0]?.message).toMatch(/printable ASCII punctuation/);
    expect(passwordStrengthSchema.safeParse(strength({ allowed_symbols: '!!' })).error?.issues[0]?.message).toMatch(/once/);
    expect(passwordStrengthSchema.safeParse(strength({ lowercase: -1 })).success).toBe(false);
  });
});
