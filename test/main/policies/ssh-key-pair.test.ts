import { execFileSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from '../../../main/executors/ssh/ssh2-module';
import { describe, expect, it } from 'vitest';
import { SSH_KEY_TYPES, generateSshKeyPair } from '../../../main/policies/generate-ssh-key-pair';
import { needsTool } from '../../support/needs-tool';

const hasSshKeygen = (() => {
  try {
    execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as { status?: number }).status !== undefined; // it ran (and complained about -?)
  }
})();
const sshKeygen = needsTool(hasSshKeygen, 'ssh-keygen is not installed (Debian package "openssh-client"; CI installs it)');

describe('generateSshKeyPair', () => {
  it.each(SSH_KEY_TYPES)('%s: ssh2 parses the private key, and its public key is the line we produce', async (type) => {
    const pair = await generateSshKeyPair(type, { comment: 'pamdesk-managed:cred-7' });
    expect(pair.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n[\s\S]+\n-----END OPENSSH PRIVATE KEY-----\n$/);
    const parsed = utils.parseKey(pair.privateKey);
    if (parsed instanceof Error) throw parsed;
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    expect(key?.type).toBe(type);
    expect(key?.comment).toBe('pamdesk-managed:cred-7');
    expect(key?.isPrivateKey()).toBe(true);
    const [lineType, base64, comment] = pair.publicKey.split(' ');
    expect([lineType, comment]).toEqual([type, 'pamdesk-managed:cred-7']);
    expect(key?.getPublicSSH().toString('base64')).toBe(base64);

    // The private half belongs to the public half: a signature made with it verifies.
    const data = Buffer.from('pamdesk');
    const signature = key?.sign(data);
    if (!(signature instanceof Buffer)) throw new Error('ssh2 could not sign with the generated key');
    expect(key?.verify(data, signature)).toBe(true);
  });

  it.skipIf(sshKeygen.skip).each(SSH_KEY_TYPES)(sshKeygen.title('%s: ssh-keygen derives the same public key and fingerprint'), async (type) => {
    const pair = await generateSshKeyPair(type, { comment: 'c' });
    const dir = mkdtempSync(join(tmpdir(), 'pamdesk-key-'));
    try {
      const file = join(dir, 'id');
      writeFileSync(file, pair.privateKey, { mode: 0o600 });
      expect(execFileSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' }).trim()).toBe(pair.publicKey);
      expect(execFileSync('ssh-keygen', ['-l', '-f', file], { encoding: 'utf8' })).toContain(pair.fingerprint);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('RSA keys have the asked size, at least 3072 bits', async () => {
    const pair = await generateSshKeyPair('ssh-rsa', { rsaBits: 4096 });
    const parsed = utils.parseKey(pair.privateKey);
    if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('expected one key');
    expect(createPublicKey(parsed.getPublicPEM()).asymmetricKeyDetails?.modulusLength).toBe(4096);
    expect(pair.publicKey).toMatch(/^ssh-rsa \S+$/);
    await expect(generateSshKeyPair('ssh-rsa', { rsaBits: 2048 })).rejects.toThrow(/3072 to 16384 bits/);
  });

  it('refuses DSA, saying why and what to use', async () => {
    await expect(generateSshKeyPair('ssh-dss')).rejects.toThrow(/OpenSSH disabled them.*Use ssh-ed25519/);
  });

  it('refuses a comment with a line break (it would split the authorized_keys line)', async () => {
    await expect(generateSshKeyPair('ssh-ed25519', { comment: 'a\nb' })).rejects.toThrow(/line break/);
  });
});
