import { randomBytes } from 'node:crypto';
import { sshString, uint32 } from './ssh-wire';

const AUTH_MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
const BLOCK_SIZE = 8; // the cipher block size for "none"

/**
 * An unencrypted private key in OpenSSH's own format (PROTOCOL.key, "openssh-key-v1"), the format
 * ssh-keygen writes and every SSH client (OpenSSH, the ssh2 library) reads for all key types. It
 * is unencrypted because it is stored sealed in the vault, never as a file.
 *
 * `publicBlob` is the key's public wire blob; `privateFields` the type-specific private fields
 * (after the key type name); both already SSH-encoded.
 */
export function encodeOpenSshPrivateKey(keyType: string, publicBlob: Buffer, privateFields: Buffer, comment: string): string {
  const check = randomBytes(4);
  const body = Buffer.concat([check, check, sshString(keyType), privateFields, sshString(comment)]);
  const padLength = (BLOCK_SIZE - (body.length % BLOCK_SIZE)) % BLOCK_SIZE;
  const padding = Buffer.from(Array.from({ length: padLength }, (_, i) => i + 1));
  const key = Buffer.concat([
    AUTH_MAGIC,
    sshString('none'), // cipher
    sshString('none'), // kdf
    sshString(''), // kdf options
    uint32(1), // number of keys
    sshString(publicBlob),
    sshString(Buffer.concat([body, padding])),
  ]);
  const lines = key.toString('base64').match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}
