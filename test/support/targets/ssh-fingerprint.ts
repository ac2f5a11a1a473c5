import { createHash } from 'node:crypto';

/**
 * OpenSSH's SHA-256 fingerprint ("SHA256:" + unpadded base64) of a public key line such as
 * "ssh-ed25519 AAAA... comment". Kept apart from the executor's own computation so that tests
 * check the executor against an independent oracle (and against ssh-keygen for the Linux target).
 */
export function fingerprintOfPublicKeyLine(line: string): string {
  const blob = line.trim().split(/\s+/)[1];
  if (blob === undefined) throw new Error(`"${line}" is not an OpenSSH public key line (type, base64 blob, comment).`);
  return `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
}
