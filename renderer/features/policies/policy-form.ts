import { policyInputSchema } from '../../../shared/contract/policy-channels';
import { DEFAULT_HISTORY_LENGTH } from '../../../shared/domain/secret-history';
import { DEFAULT_SYMBOLS, WEEKDAYS, type ExpirationUnit, type PasswordPolicy, type Weekday } from '../../../shared/domain/password-policy';

/** The policy as the form holds it: numbers as typed, so half-typed values are not lost. */
export interface PolicyForm {
  readonly name: string;
  readonly lowercase: string;
  readonly uppercase: string;
  readonly digits: string;
  readonly symbols: string;
  readonly allowed_symbols: string;
  readonly allow_repeated_characters: boolean;
  readonly expires: boolean;
  readonly expiration_every: string;
  readonly expiration_unit: ExpirationUnit;
  readonly view_expires: boolean;
  readonly view_expiration_hours: string;
  readonly days: readonly Weekday[];
  readonly hours: readonly number[];
  /** Replaced secrets each credential keeps (password history). */
  readonly history_length: string;
  readonly device_types: string;
  readonly tags: string;
  readonly priority: string;
  readonly enabled: boolean;
}

export const ALL_HOURS: readonly number[] = Array.from({ length: 24 }, (_, h) => h);

export const NEW_POLICY_FORM: PolicyForm = {
  name: '',
  lowercase: '4',
  uppercase: '4',
  digits: '4',
  symbols: '2',
  allowed_symbols: DEFAULT_SYMBOLS,
  allow_repeated_characters: true,
  expires: true,
  expiration_every: '30',
  expiration_unit: 'days',
  view_expires: false,
  view_expiration_hours: '24',
  days: WEEKDAYS,
  hours: ALL_HOURS,
  history_length: String(DEFAULT_HISTORY_LENGTH),
  device_types: '',
  tags: '',
  priority: '0',
  enabled: true,
};

export function formFromPolicy(policy: PasswordPolicy): PolicyForm {
  const { strength, expiration, view_expiration_hours, change_window, historyLength } = policy.definition;
  return {
    name: policy.name,
    lowercase: String(strength.lowercase),
    uppercase: String(strength.uppercase),
    digits: String(strength.digits),
    symbols: String(strength.symbols),
    allowed_symbols: strength.allowed_symbols,
    allow_repeated_characters: strength.allow_repeated_characters,
    expires: expiration !== null,
    expiration_every: String(expiration?.every ?? 30),
    expiration_unit: expiration?.unit ?? 'days',
    view_expires: view_expiration_hours !== null,
    view_expiration_hours: String(view_expiration_hours ?? 24),
    days: change_window.days,
    hours: change_window.hours,
    history_length: String(historyLength),
    device_types: policy.criteria.device_types.join(', '),
    tags: policy.criteria.tags.join(', '),
    priority: String(policy.priority),
    enabled: policy.enabled,
  };
}

/** Field key → message. Keys are the input's paths joined with dots, e.g. definition.strength.digits. */
export type PolicyErrors = Readonly<Record<string, string>>;

const list = (text: string) => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

/** Numbers as typed: a blank or non-integer stays NaN so the schema reports it against its field. */
function whole(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

export function policyInput(form: PolicyForm) {
  return {
    name: form.name.trim(),
    definition: {
      strength: {
        lowercase: whole(form.lowercase),
        uppercase: whole(form.uppercase),
        digits: whole(form.digits),
        symbols: whole(form.symbols),
        allowed_symbols: form.allowed_symbols,
        allow_repeated_characters: form.allow_repeated_characters,
      },
      expiration: form.expires ? { every: whole(form.expiration_every), unit: form.expiration_unit } : null,
      view_expiration_hours: form.view_expires ? whole(form.view_expiration_hours) : null,
      change_window: { days: [...form.days], hours: [...form.hours].sort((a, b) => a - b) },
      historyLength: whole(form.history_length),
    },
    criteria: { device_types: list(form.device_types), tags: list(form.tags) },
    priority: whole(form.priority),
    enabled: form.enabled,
  };
}

/**
 * Validates with the contract's own schema (which runs passwordStrengthProblems), so the form shows
 * the words main would answer with. Undefined when the policy can be saved.
 */
export function validatePolicy(form: PolicyForm): PolicyErrors | undefined {
  const parsed = policyInputSchema.safeParse(policyInput(form));
  if (parsed.success) return undefined;
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.');
    // A NaN from a blank or mistyped box reads better as this than as zod's type message.
    const message = issue.code === 'invalid_type' ? 'Enter a whole number' : issue.message;
    errors[key] ??= message;
  }
  return errors;
}

export function passwordLength(form: PolicyForm): number | undefined {
  const sum = whole(form.lowercase) + whole(form.uppercase) + whole(form.digits) + whole(form.symbols);
  return Number.isNaN(sum) ? undefined : sum;
}
