import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { revealAdditionalAuthenticationFields, revealSecret } from '../../../main/credentials/reveal-secret';
import { getCredential } from '../../../main/credentials/get-credential';
import { upsertCredential } from '../../../main/credentials/upsert-credential';
import { openTestVault, type TestVault } from './test-db';
import { seedDevice, W2016 } from './fixtures';

let vault: TestVault;
beforeEach(async () => {
  vault = await openTestVault();
  await seedDevice(vault);
});
afterEach(async () => vault.close());

const PASSWORD = '#@*MyS@feP@ssword%$#';
const TOTP = '295B3LA1M6LRAHI2S7G1A36LMK6I4IWW';

async function createWithSecrets(): Promise<number> {
  const result = await upsertCredential(vault.deps, {
    username: 'username',
    ...W2016,
    content: PASSWORD,
    additional_settings: {
      secret_key: TOTP,
      additional_authentication_fields: [
        { name: 'name', short_name: 'short_name1', value: 'Enable' },
        { name: 'name2', short_name: 'short_name2', value: 'value-2' },
      ],
    },
  });
  if (!result.ok) throw new Error(result.response.response.message);
  return result.credentialId;
}

describe('credential secrets', () => {
  it('are stored only as FieldCipher output: raw columns never hold the plaintext', async () => {
    const id = await createWithSecrets();
    const row = vault.raw
      .prepare('select content, totp_secret, additional_auth_values, additional_auth_fields from credentials where id = ?')
      .get(id) as Record<string, unknown>;
    for (const column of ['content', 'totp_secret', 'additional_auth_values'] as const) {
      const value = row[column];
      expect(Buffer.isBuffer(value)).toBe(true);
      const asText = (value as Buffer).toString('latin1');
      expect(asText).not.toContain(PASSWORD);
      expect(asText).not.toContain(TOTP);
      expect(asText).not.toContain('Enable');
    }
    expect(String(row['additional_auth_fields'])).not.toContain('Enable');
    // No other column or table holds them either (FTS, tags, settings JSON).
    const dump = JSON.stringify(vault.raw.prepare('select * from credentials_fts').all()) + JSON.stringify(row['additional_auth_fields']);
    expect(dump).not.toContain(PASSWORD);
  });

  it('never appear in views; revealSecret opens them', async () => {
    const id = await createWithSecrets();
    const view = await getCredential(vault.db, id);
    expect(JSON.stringify(view)).not.toContain(PASSWORD);
    expect(JSON.stringify(view)).not.toContain(TOTP);
    expect(view?.has_content).toBe(true);
    expect(await revealSecret(vault.deps, id)).toMatchObject({ id, kind: 'password', field: 'content', secret: PASSWORD });
    expect((await revealSecret(vault.deps, id, 'totp_secret'))?.secret).toBe(TOTP);
    expect(await revealAdditionalAuthenticationFields(vault.deps, id)).toEqual([
      { name: 'name', short_name: 'short_name1', value: 'Enable' },
      { name: 'name2', short_name: 'short_name2', value: 'value-2' },
    ]);
    expect(await revealSecret(vault.deps, 12345)).toBeUndefined();
  });

  it('are bound to their row: a ciphertext copied into another row fails to open', async () => {
    const first = await createWithSecrets();
    const second = await upsertCredential(vault.deps, { username: 'other', ...W2016, content: 'other-password' });
    if (!second.ok) throw new Error('setup failed');
    vault.raw.prepare('update credentials set content = (select content from credentials where id = ?) where id = ?').run(first, second.credentialId);
    await expect(revealSecret(vault.deps, second.credentialId)).rejects.toThrow(/failed authentication/);
  });

  it('an SSH key credential seals the private key and keeps the public key and key type in clear', async () => {
    const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----';
    const result = await upsertCredential(vault.deps, {
      username: 'deploy', ...W2016, kind: 'ssh_key', content: pem, public_key: 'ssh-ed25519 AAAAC3 deploy', key_type: 'ed25519',
    });
    if (!result.ok) throw new Error(result.response.response.message);
    expect(result.after).toMatchObject({ kind: 'ssh_key', public_key: 'ssh-ed25519 AAAAC3 deploy', key_type: 'ed25519', has_content: true });
    expect((await revealSecret(vault.deps, result.credentialId))?.secret).toBe(pem);
    // A password for the same account on the same device is a separate credential.
    const password = await upsertCredential(vault.deps, { username: 'deploy', ...W2016, content: 'pw' });
    expect(password.ok && password.action).toBe('created');
  });

  it('null clears a secret and "" stores none', async () => {
    const id = await createWithSecrets();
    await upsertCredential(vault.deps, { username: 'username', ...W2016, content: null });
    expect((await revealSecret(vault.deps, id))?.secret).toBeNull();
    const pin = await upsertCredential(vault.deps, { username: 'p', ...W2016, kind: 'pin', content: '' });
    expect(pin.ok && pin.after.has_content).toBe(false);
  });
});
