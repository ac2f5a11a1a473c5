/**
 * The one optional field a key slot carries for audit signatures: the user's Ed25519 key pair,
 * the private half sealed under the same key-encryption key that wraps the master key. Kept in
 * its own file (no dependencies) so the key-file parser can read it without knowing how it is used.
 */
export interface SlotSigningKey {
  /** SPKI DER, base64. Also recorded in the vault's users table; the verifier compares the two. */
  readonly publicKey: string;
  /** PKCS#8 DER sealed with AES-256-GCM (key-wrap format), base64; AAD binds vault, slot and public key. */
  readonly wrappedPrivateKey: string;
}

/** undefined when the slot has none yet (created at its next unlock); throws when it is malformed. */
export function parseSlotSigningKey(raw: unknown, corrupt: () => Error): SlotSigningKey | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null) throw corrupt();
  const { publicKey, wrappedPrivateKey } = raw as Record<string, unknown>;
  if (typeof publicKey !== 'string' || typeof wrappedPrivateKey !== 'string' || publicKey === '' || wrappedPrivateKey === '') throw corrupt();
  return { publicKey, wrappedPrivateKey };
}
