/**
 * Seals secret columns (passwords, PINs, private keys, TOTP seeds, candidate secrets) inside the
 * already-encrypted database, so that a secret is still sealed while the DB is open and never
 * leaves main in plaintext by accident (a SELECT * or a log of a row shows only ciphertext).
 *
 * The AAD binds each ciphertext to its row and column: a sealed value copied into another row or
 * column fails to open instead of silently revealing one credential's secret as another's.
 */
export interface FieldLocation {
  readonly table: string;
  readonly column: string;
  /** The row's stable id (the primary key as text). */
  readonly rowId: string;
}

export interface FieldCipher {
  seal(plaintext: string, at: FieldLocation): Buffer;
  open(sealed: Buffer, at: FieldLocation): string;
}
