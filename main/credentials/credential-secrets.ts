import type { FieldCipher } from '../vault/field-cipher';

/** The credentials columns that hold FieldCipher output. */
export const SEALED_CREDENTIAL_COLUMNS = ['content', 'totp_secret', 'additional_auth_values'] as const;
export type SealedCredentialColumn = (typeof SEALED_CREDENTIAL_COLUMNS)[number];

/** Seals with AAD {table:'credentials', column, rowId: id}, so a copy into another row fails to open. */
export function sealCredentialField(
  cipher: FieldCipher,
  id: number,
  column: SealedCredentialColumn,
  plaintext: string,
): Buffer {
  return cipher.seal(plaintext, { table: 'credentials', column, rowId: String(id) });
}

export function openCredentialField(
  cipher: FieldCipher,
  id: number,
  column: SealedCredentialColumn,
  sealed: Buffer,
): string {
  return cipher.open(sealed, { table: 'credentials', column, rowId: String(id) });
}
