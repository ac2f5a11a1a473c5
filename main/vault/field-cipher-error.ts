export type FieldCipherErrorCode = 'malformed' | 'unsupported-version' | 'auth-failed' | 'disposed' | 'bad-location';

export class FieldCipherError extends Error {
  override readonly name = 'FieldCipherError';

  constructor(
    readonly code: FieldCipherErrorCode,
    message: string,
  ) {
    super(message);
  }
}
