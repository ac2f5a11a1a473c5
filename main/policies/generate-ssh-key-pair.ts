import { createHash, generateKeyPair, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { assertNever } from '../../shared/assert-never';
import { encodeOpenSshPrivateKey } from './openssh-private-key';
import { sshMpint, sshString } from './ssh-wire';

export const SSH_KEY_TYPES = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ssh-rsa'] as const;
export type SshKeyType = (typeof SSH_KEY_TYPES)[number];

export const MIN_RSA_BITS = 3072;

export interface SshKeyPairOptions {
  /** RSA only; at least 3072 (NIST's minimum past 2030 is 3072). Default 3072. */
  readonly rsaBits?: number;
  /** Written into both keys, e.g. pamdesk's marker comment. No line breaks. */
  readonly comment?: string;
}

export interface SshKeyPair {
  readonly type: SshKeyType;
  /** "-----BEGIN OPENSSH PRIVATE KEY-----…", unencrypted (the vault seals it). */
  readonly privateKey: string;
  /** The authorized_keys line: "type base64 comment" (no comment part when the comment is empty). */
  readonly publicKey: string;
  /** "SHA256:…" as ssh-keygen -l prints it. */
  readonly fingerprint: string;
}

const generate = promisify(generateKeyPair);

/** A new SSH key pair (CSPRNG, node:crypto) in the formats OpenSSH and the ssh2 library read. */
export async function generateSshKeyPair(type: SshKeyType | 'ssh-dss', options: SshKeyPairOptions = {}): Promise<SshKeyPair> {
  const comment = options.comment ?? '';
  if (/[\r\n]/.test(comment)) throw new Error('An SSH key comment cannot contain a line break; use one line of text');
  if (type === 'ssh-dss') {
    throw new Error('DSA (ssh-dss) keys are refused: they are limited to 1024 bits and OpenSSH disabled them by default in 7.0 and has since removed DSA support. Use ssh-ed25519, or ssh-rsa with 3072 bits or more');
  }
  const { publicBlob, privateFields } = await keyMaterial(type, options.rsaBits ?? MIN_RSA_BITS);
  const base64 = publicBlob.toString('base64');
  return {
    type,
    privateKey: encodeOpenSshPrivateKey(type, publicBlob, privateFields, comment),
    publicKey: comment === '' ? `${type} ${base64}` : `${type} ${base64} ${comment}`,
    fingerprint: `SHA256:${createHash('sha256').update(publicBlob).digest('base64').replace(/=+$/, '')}`,
  };
}

interface KeyMaterial {
  readonly publicBlob: Buffer;
  readonly privateFields: Buffer;
}

async function keyMaterial(type: SshKeyType, rsaBits: number): Promise<KeyMaterial> {
  switch (type) {
    case 'ssh-ed25519': {
      const jwk = exportJwk((await generate('ed25519')).privateKey);
      const publicKey = field(jwk, 'x');
      // OpenSSH stores the 32-byte seed followed by the public key as the 64-byte "private key".
      return { publicBlob: Buffer.concat([sshString(type), sshString(publicKey)]), privateFields: Buffer.concat([sshString(publicKey), sshString(Buffer.concat([field(jwk, 'd'), publicKey]))]) };
    }
    case 'ecdsa-sha2-nistp256': {
      const jwk = exportJwk((await generate('ec', { namedCurve: 'P-256' })).privateKey);
      const point = Buffer.concat([Buffer.from([0x04]), field(jwk, 'x'), field(jwk, 'y')]);
      const publicPart = Buffer.concat([sshString('nistp256'), sshString(point)]);
      return { publicBlob: Buffer.concat([sshString(type), publicPart]), privateFields: Buffer.concat([publicPart, sshMpint(field(jwk, 'd'))]) };
    }
    case 'ssh-rsa': {
      if (!Number.isInteger(rsaBits) || rsaBits < MIN_RSA_BITS || rsaBits > 16384) {
        throw new Error(`RSA keys need ${MIN_RSA_BITS} to 16384 bits; ${rsaBits} was asked. Use 3072 or 4096`);
      }
      const jwk = exportJwk((await generate('rsa', { modulusLength: rsaBits, publicExponent: 65537 })).privateKey);
      const [n, e] = [sshMpint(field(jwk, 'n')), sshMpint(field(jwk, 'e'))];
      // OpenSSH's order: n, e, d, iqmp (q⁻¹ mod p, JWK's "qi"), p, q.
      const privateFields = Buffer.concat([n, e, sshMpint(field(jwk, 'd')), sshMpint(field(jwk, 'qi')), sshMpint(field(jwk, 'p')), sshMpint(field(jwk, 'q'))]);
      return { publicBlob: Buffer.concat([sshString(type), e, n]), privateFields };
    }
    default:
      return assertNever(type, 'SSH key type');
  }
}

function exportJwk(key: KeyObject): JsonWebKey {
  return key.export({ format: 'jwk' });
}

function field(jwk: JsonWebKey, name: 'x' | 'y' | 'd' | 'n' | 'e' | 'p' | 'q' | 'qi'): Buffer {
  const value = jwk[name];
  if (typeof value !== 'string') throw new Error(`The generated key has no ${name} component`);
  return Buffer.from(value, 'base64url');
}
