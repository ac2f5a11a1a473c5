/**
 * Error codes that cross the IPC boundary. Each has one meaning; the message that travels with it
 * says what happened and what to do.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_CHANNEL',
  'UNTRUSTED_SENDER',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'VAULT_LOCKED',
  'VAULT_ABSENT',
  'VAULT_EXISTS',
  'WRONG_PASSPHRASE',
  'TOO_MANY_ATTEMPTS',
  'KEYSTORE_UNAVAILABLE',
  'NOT_FOUND',
  'CONFLICT',
  'VALIDATION',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Machine-readable extras (a field path, a seed error number); never secrets. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Thrown inside main by services; the router turns it into `{ ok: false, error }`. */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, details?: Readonly<Record<string, unknown>>) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    this.details = details;
  }

  toAppError(): AppError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
