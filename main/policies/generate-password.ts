import {
  DIGIT_ALPHABET,
  LOWERCASE_ALPHABET,
  UPPERCASE_ALPHABET,
  passwordStrengthProblems,
  type PasswordStrength,
} from '../../shared/domain/password-policy';
import { drawWithRepetition, drawWithoutRepetition, shuffle } from './random-choice';

/** The policy cannot produce a password (bad counts, or the username cannot be avoided). */
export class PasswordPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PasswordPolicyError';
  }
}

// A password containing the username is thrown away and drawn again. With any sensible policy a
// redraw is rare; if this many in a row fail, the policy forces the username in (e.g. a one-letter
// username and a policy that uses every letter), and retrying longer would not help.
const MAX_ATTEMPTS = 1000;

/**
 * A password with exactly the policy's counts of lowercase, uppercase, digits and allowed symbols,
 * in random order (CSPRNG). Without repetition no character appears twice anywhere. It never
 * contains `username`, compared case-insensitively (Segura's rule).
 */
export function generatePassword(strength: PasswordStrength, username = ''): string {
  const problems = passwordStrengthProblems(strength);
  if (problems.length > 0) throw new PasswordPolicyError(`This password strength cannot be used: ${problems.map((p) => p.message).join('; ')}`);
  const forbidden = username.toLowerCase();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const password = drawOnce(strength);
    if (forbidden === '' || !password.toLowerCase().includes(forbidden)) return password;
  }
  throw new PasswordPolicyError(
    `Could not generate a password without the username ${JSON.stringify(username)} in ${MAX_ATTEMPTS} attempts: this policy nearly always includes it. Allow repeated characters, change the counts, or change the username`,
  );
}

function drawOnce(strength: PasswordStrength): string {
  const draw = strength.allow_repeated_characters ? drawWithRepetition : drawWithoutRepetition;
  const symbols = [...new Set(strength.allowed_symbols)];
  return shuffle([
    ...draw([...LOWERCASE_ALPHABET], strength.lowercase),
    ...draw([...UPPERCASE_ALPHABET], strength.uppercase),
    ...draw([...DIGIT_ALPHABET], strength.digits),
    ...draw(symbols, strength.symbols),
  ]).join('');
}
