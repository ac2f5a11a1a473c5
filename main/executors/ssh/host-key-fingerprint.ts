import { createHash } from 'node:crypto';

/**
 * OpenSSH's fingerprint of a host key blob (the SSH wire encoding ssh2 hands to hostVerifier):
 * "SHA256:" + base64 of its SHA-256, without padding, exactly as `ssh-keygen -lf` prints it.
 */
export function fingerprintOfHostKey(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside the blob ("ssh-ed25519", "rsa-sha2-512" keys say "ssh-rsa"...). */
export function keyTypeOfHostKey(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  return length > 0 && 4 + length <= blob.length ? blob.subarray(4, 4 + length).toString('latin1') : 'unknown';
}
