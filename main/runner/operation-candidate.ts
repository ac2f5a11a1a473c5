import type { FieldCipher } from '../vault/field-cipher';

/**
 * The one way a candidate secret is sealed on its operation (the runner's write-ahead and the reset
 * dialog's preset alike): AES-GCM with the operation's row as AAD, so a candidate copied to another
 * operation fails to open.
 */
function candidateAt(operationId: number) {
  return { table: 'operations', column: 'candidate_secret', rowId: String(operationId) };
}

export function sealCandidate(fields: FieldCipher, operationId: number, secret: string): Buffer {
  return fields.seal(secret, candidateAt(operationId));
}

export function openCandidate(fields: FieldCipher, operationId: number, sealed: Buffer): string {
  return fields.open(sealed, candidateAt(operationId));
}
