import { CREDENTIAL_API_ERRORS, type CredentialApiErrorCode } from '../../shared/domain/api-error-codes';
import type { AppError } from '../../shared/errors';
import { SEED_CODE_WORDS } from './seed-code-words';

/** An error as a person reads it: the sentence, and the code (where seed 004 defines one) beside it. */
export interface ErrorWords {
  /** What went wrong and what to do, in the window's terms. */
  readonly text: string;
  /** "Code 1004 …": secondary, for support and the API documentation; undefined when there is none. */
  readonly secondary: string | undefined;
}

/** The labels a form shows, by the request field they fill (e.g. { passphrase: 'Passphrase' }). */
export type FieldLabels = Readonly<Record<string, string>>;

/** Labels of fields that many requests share, so most callers need to name none. */
const COMMON_LABELS: FieldLabels = {
  username: 'Username',
  passphrase: 'Passphrase',
  current: 'Current passphrase',
  next: 'New passphrase',
  identifier: 'Identifier',
  hostname: 'Hostname',
  ip: 'IP',
  name: 'Name',
  justification: 'Justification',
  tags: 'Tags',
};

export function isSeedCode(value: unknown): value is CredentialApiErrorCode {
  return typeof value === 'number' && Object.prototype.hasOwnProperty.call(CREDENTIAL_API_ERRORS, value);
}

/** A field path as the form labels it; an unknown one reads as words ("device_domain" -> "Device domain"). */
export function fieldLabel(path: string, labels: FieldLabels = {}): string {
  const known = labels[path] ?? COMMON_LABELS[path] ?? labels[path.split('.').at(-1) ?? ''] ?? COMMON_LABELS[path.split('.').at(-1) ?? ''];
  if (known) return known;
  const words = (path.split('.').at(-1) ?? path).replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface Issue {
  readonly path: string;
  readonly message: string;
}

function issuesOf(error: AppError): readonly Issue[] {
  const issues = error.details?.['issues'];
  if (!Array.isArray(issues)) return [];
  return issues.filter((i): i is Issue => typeof i === 'object' && i !== null && typeof (i as Issue).path === 'string' && typeof (i as Issue).message === 'string');
}

/** The seed code an error carries: in its details (main's typed field), or, from older cores, as the "NNNN: " prefix. */
export function seedCodeOf(error: AppError): CredentialApiErrorCode | undefined {
  const fromDetails = error.details?.['seedCode'];
  if (isSeedCode(fromDetails)) return fromDetails;
  const fromMessage = Number(/^(\d{4}):/.exec(error.message)?.[1]);
  return isSeedCode(fromMessage) ? fromMessage : undefined;
}

/** The detail main attached to a rule error (which value broke it), if any. */
function seedDetail(error: AppError): string {
  const response = error.details?.['response'] as { response?: { detail?: unknown } } | undefined;
  const detail = response?.response?.detail;
  return typeof detail === 'string' ? detail.replace(/\.$/, '') : '';
}

/**
 * The one translation from main's typed error to words. Main's own messages are written for people
 * (the router names no channel); what is left to do here is naming fields as the form labels them
 * and saying rule codes in the window's terms, with the code kept as a secondary detail.
 */
export function errorWords(error: AppError, labels: FieldLabels = {}): ErrorWords {
  const code = seedCodeOf(error);
  if (code !== undefined) {
    const words = SEED_CODE_WORDS[code];
    const detail = seedDetail(error);
    return { text: `${words.what} ${words.todo}`, secondary: `Code ${code}${detail ? `: ${detail}` : ''}` };
  }
  const issues = issuesOf(error);
  if (error.code === 'BAD_REQUEST' && issues.length > 0) {
    const named = issues.slice(0, 5).map((i) => (i.path === '' ? i.message : `${fieldLabel(i.path, labels)}: ${i.message}`));
    return { text: `${named.join(' ')} Correct ${issues.length === 1 ? 'it' : 'them'} and try again.`, secondary: undefined };
  }
  return { text: error.message, secondary: undefined };
}

/** The words on one line, for places that show a sentence (a toast, a notice). */
export function errorText(error: AppError, labels?: FieldLabels): string {
  const words = errorWords(error, labels);
  return words.secondary ? `${words.text} (${words.secondary})` : words.text;
}
