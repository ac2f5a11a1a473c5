import { z } from 'zod';
import { DEFAULT_HISTORY_LENGTH, historyLengthSchema } from './secret-history';

/**
 * A password policy (Segura's "password strength" plus the credential policy around it). Stored in
 * migration 0004's password_policies: `definition` holds passwordPolicyDefinitionSchema, `criteria`
 * holds passwordPolicyCriteriaSchema; explicit assignment is credentials.policy_id.
 */

export const LOWERCASE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
export const UPPERCASE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DIGIT_ALPHABET = '0123456789';
/**
 * Symbols an operator may allow: printable ASCII that is neither a letter, a digit nor a space.
 * Generated passwords are typed at prompts, so shell metacharacters are harmless there; note that
 * Cisco IOS reads `?` as "help" on its command line, so an IOS policy should leave `?` out.
 */
export const ALLOWABLE_SYMBOLS = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
export const DEFAULT_SYMBOLS = '!#$%&*+-.:=?@^_~';

/** Segura's limits: 256 characters, or 70 when no character may repeat. */
export const MAX_PASSWORD_LENGTH = 256;
export const MAX_PASSWORD_LENGTH_WITHOUT_REPETITION = 70;

const count = (what: string) => z.number().int(`The number of ${what} must be a whole number`).min(0, `The number of ${what} cannot be negative`);

export const passwordStrengthSchema = z
  .object({
    lowercase: count('lowercase letters'),
    uppercase: count('uppercase letters'),
    digits: count('digits'),
    symbols: count('symbols'),
    /** The symbols to draw from, each once, e.g. "!#$%". */
    allowed_symbols: z.string(),
    /** false: no character appears twice anywhere in the password. */
    allow_repeated_characters: z.boolean(),
  })
  .superRefine((strength, ctx) => {
    for (const problem of passwordStrengthProblems(strength)) ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
  });
export type PasswordStrength = z.infer<typeof passwordStrengthSchema>;

export interface PolicyProblem {
  readonly path: readonly string[];
  readonly message: string;
}

/** Why this strength cannot produce a password; empty when it can. Shared so the form shows the same words. */
export function passwordStrengthProblems(strength: PasswordStrength): readonly PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const symbols = [...strength.allowed_symbols];
  const distinct = new Set(symbols);
  const foreign = symbols.filter((symbol) => !ALLOWABLE_SYMBOLS.includes(symbol));
  if (foreign.length > 0) {
    problems.push({
      path: ['allowed_symbols'],
      message: `Allowed symbols may only be printable ASCII punctuation (${ALLOWABLE_SYMBOLS}); remove ${JSON.stringify([...new Set(foreign)].join(''))}`,
    });
  }
  if (distinct.size !== symbols.length) {
    problems.push({ path: ['allowed_symbols'], message: 'Each allowed symbol should be listed once; remove the duplicates' });
  }
  if (strength.symbols > 0 && distinct.size === 0) {
    problems.push({ path: ['allowed_symbols'], message: `The policy asks for ${strength.symbols} symbol(s) but allows none; allow some symbols or set the symbol count to 0` });
  }
  const length = strength.lowercase + strength.uppercase + strength.digits + strength.symbols;
  if (length === 0) problems.push({ path: ['lowercase'], message: 'The password length is the sum of the counts and is 0; ask for at least one character' });
  if (strength.allow_repeated_characters) {
    if (length > MAX_PASSWORD_LENGTH) {
      problems.push({ path: ['lowercase'], message: `The counts add up to ${length} characters; the maximum is ${MAX_PASSWORD_LENGTH}` });
    }
    return problems;
  }
  if (length > MAX_PASSWORD_LENGTH_WITHOUT_REPETITION) {
    problems.push({
      path: ['allow_repeated_characters'],
      message: `The counts add up to ${length} characters; without repeated characters the maximum is ${MAX_PASSWORD_LENGTH_WITHOUT_REPETITION}. Lower the counts or allow repetition`,
    });
  }
  const classes: readonly [keyof PasswordStrength & string, number, number, string][] = [
    ['lowercase', strength.lowercase, LOWERCASE_ALPHABET.length, 'lowercase letters'],
    ['uppercase', strength.uppercase, UPPERCASE_ALPHABET.length, 'uppercase letters'],
    ['digits', strength.digits, DIGIT_ALPHABET.length, 'digits'],
    ['symbols', strength.symbols, distinct.size, 'allowed symbols'],
  ];
  for (const [field, wanted, available, what] of classes) {
    if (wanted > available) {
      problems.push({
        path: [field],
        message: `Without repeated characters at most ${available} ${what} fit (there are only ${available}); ask for fewer or allow repetition`,
      });
    }
  }
  return problems;
}

export const EXPIRATION_UNITS = ['hours', 'days'] as const;
export type ExpirationUnit = (typeof EXPIRATION_UNITS)[number];

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const passwordPolicyDefinitionSchema = z.object({
  strength: passwordStrengthSchema,
  /** Change the password this long after the last change; null: never expires by age. */
  expiration: z
    .object({ every: z.number().int().min(1, 'The expiration period is at least 1').max(36_500), unit: z.enum(EXPIRATION_UNITS) })
    .nullable(),
  /** Change the password this many hours after someone reveals it; null: revealing does not trigger a change. */
  view_expiration_hours: z.number().int().min(1, 'The view expiration is at least 1 hour').max(8_760).nullable(),
  /** When automatic changes may run (local time of the runner). */
  change_window: z.object({
    days: z.array(z.enum(WEEKDAYS)).min(1, 'Allow automatic changes on at least one day'),
    /** Hours of the day (0–23); a change may start during any listed hour. */
    hours: z.array(z.number().int().min(0).max(23)).min(1, 'Allow automatic changes during at least one hour'),
  }),
  /**
   * How many replaced secrets each credential under this policy keeps (password history); 0 keeps
   * none. Defaulted, so definitions stored before it existed read as 10.
   */
  historyLength: historyLengthSchema.default(DEFAULT_HISTORY_LENGTH),
});
export type PasswordPolicyDefinition = z.infer<typeof passwordPolicyDefinitionSchema>;

/**
 * Assignment by criteria. A policy matches a credential when every non-empty list matches: the
 * device type is one of `device_types` and the credential carries all of `tags`. Both empty: the
 * policy is a default that matches every credential.
 */
export const passwordPolicyCriteriaSchema = z.object({
  device_types: z.array(z.string().trim().min(1)).default([]),
  tags: z.array(z.string().trim().min(1)).default([]),
});
export type PasswordPolicyCriteria = z.infer<typeof passwordPolicyCriteriaSchema>;

export const passwordPolicySchema = z.object({
  id: z.number().int().positive(),
  name: z.string().trim().min(1, 'Give the policy a name').max(120),
  definition: passwordPolicyDefinitionSchema,
  criteria: passwordPolicyCriteriaSchema,
  /** Breaks ties between equally specific policies: the higher number wins (default 0). */
  priority: z.number().int().min(0).max(255),
  enabled: z.boolean(),
  /** When it was archived (no longer assigned by criteria, hidden from lists), or null (migration 0014). */
  archived_at: z.string().nullable().optional(),
});
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;
