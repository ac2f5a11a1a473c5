import { createHmac } from 'node:crypto';
import { decodeBase32 } from './base32';

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
  /** Default 6. */
  readonly digits?: number;
  /** Default 30. */
  readonly periodSeconds?: number;
  /** Default sha1, what authenticator apps use. */
  readonly algorithm?: TotpAlgorithm;
}

/** RFC 6238 TOTP (RFC 4226 HOTP over the time step) for a raw key at a Unix time in milliseconds. */
export function totpFromKey(key: Uint8Array, atMs: number, options: TotpOptions = {}): string {
  const digits = options.digits ?? 6;
  const period = options.periodSeconds ?? 30;
  const counter = BigInt(Math.floor(atMs / 1000 / period));
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac(options.algorithm ?? 'sha1', key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const code = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(code % 10 ** digits).padStart(digits, '0');
}

/** The TOTP code for a base32 secret (what [#TOTP_TOKEN#] renders to). */
export function totp(base32Secret: string, atMs: number, options: TotpOptions = {}): string {
  const key = decodeBase32(base32Secret);
  if (key.length === 0) throw new Error('The TOTP secret is empty; store the base32 secret shown when MFA was set up');
  return totpFromKey(key, atMs, options);
}
