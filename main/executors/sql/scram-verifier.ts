import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/** PostgreSQL's default (scram_iterations), which its own clients use for pre-hashed passwords. */
export const SCRAM_ITERATIONS = 4096;
const SALT_BYTES = 16;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802 and RFC 7677):
 * "SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>", base64. PostgreSQL takes this form
 * in PASSWORD '...' as the stored secret itself, so the server (and its statement log) never sees
 * the password; a login then proves knowledge of the password by SCRAM without sending it either.
 * The password is prepared as PostgreSQL and the pg client prepare it (saslPrep below).
 */
export function scramSha256Verifier(password: string, salt: Buffer = randomBytes(SALT_BYTES), iterations: number = SCRAM_ITERATIONS): string {
  const salted = pbkdf2Sync(Buffer.from(saslPrep(password), 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * SASLprep (RFC 4013) as far as it changes the bytes: non-ASCII spaces become a space, the
 * characters "commonly mapped to nothing" go, then NFKC. The same three steps as the pg client's
 * SCRAM login (node_modules/pg/lib/crypto/sasl.js) and PostgreSQL's pg_saslprep for every password
 * they accept, so the verifier matches the proof the login computes. ASCII passwords are unchanged.
 * Control characters never get here: the renderer refuses them.
 */
export function saslPrep(password: string): string {
  // eslint-disable-next-line no-misleading-character-class -- RFC 3454 B.1 holds joiners and variation selectors on purpose
  const mappedToNothing = /[\u00AD\u034F\u1806\u180B\u180C\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/g;
  return password.replace(/[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g, ' ').replace(mappedToNothing, '').normalize('NFKC');
}
