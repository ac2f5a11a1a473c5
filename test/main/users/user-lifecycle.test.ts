import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sender } from '../../../main/ipc/sender';
import { readKeyFile } from '../../../main/vault/keys/key-file';
import { slotIdFor } from '../../../main/vault/keys/slot-id';
import { openVault } from '../../../main/vault/open-vault';
import type { ChannelName, ChannelRequest } from '../../../shared/contract/channels';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A, WINDOW_B } from '../../support/test-core';

const tempDir = useTempDirs();
const SECRET = 'lifecycle-secret-Zq81!';

async function world() {
  const dataDir = tempDir();
  const core = testCore(dataDir);
  const call = async <C extends ChannelName>(sender: Sender, channel: C, payload: ChannelRequest<C>) => {
    const result = await core.call(sender, channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as never;
  };
  const refusal = async <C extends ChannelName>(sender: Sender, channel: C, payload: ChannelRequest<C>) => {
    const result = await core.call(sender, channel, payload);
    if (result.ok) throw new Error(`${channel} was expected to fail`);
    return result.error;
  };
  await call(WINDOW_A, 'vault.create', { username: 'alice', passphrase: 'alice passphrase long' });
  const ids: Record<string, string> = {};
  for (const [username, role] of [['bob', 'operator'], ['carol', 'auditor'], ['dave', 'approver']] as const) {
    ids[username] = ((await call(WINDOW_A, 'user.add', { username, role, passphrase: `${username} passphrase long` })) as { id: string }).id;
  }
  await call(WINDOW_A, 'device.upsert', { hostname: 'h1', ip: '10.0.0.1' });
  await call(WINDOW_A, 'credential.upsert', { username: 'root', hostname: 'h1', ip: '10.0.0.1', content: SECRET, identifier: 'h1-root' });
  const credential = (await call(WINDOW_A, 'credential.get', { ref: 'h1-root' })) as { id: number };
  return { dataDir, core, call, refusal, ids, credentialId: credential.id };
}

describe('user lifecycle', () => {
  it('lists users with their state, and refuses an administrator acting on themselves', async () => {
    const w = await world();
    try {
      const users = (await w.call(WINDOW_A, 'user.list', {})) as { username: string; role: string; state: string; id: string }[];
      expect(users.map((user) => [user.username, user.role, user.state])).toEqual([
        ['alice', 'administrator', 'active'],
        ['bob', 'operator', 'active'],
        ['carol', 'auditor', 'active'],
        ['dave', 'approver', 'active'],
      ]);
      const alice = users.find((user) => user.username === 'alice')?.id ?? '';
      expect((await w.refusal(WINDOW_A, 'user.remove', { userId: alice })).message).toMatch(/cannot remove yourself/);
      expect((await w.refusal(WINDOW_A, 'user.disable', { userId: alice })).message).toMatch(/cannot disable yourself/);
      expect((await w.refusal(WINDOW_A, 'user.setRole', { userId: alice, role: 'operator' })).message).toMatch(/cannot change the role of yourself/);
      // Only administrators manage users.
      await w.call(WINDOW_B, 'session.unlock', { username: 'bob', passphrase: 'bob passphrase long', remember: false });
      expect((await w.refusal(WINDOW_B, 'user.disable', { userId: w.ids['carol'] ?? '' })).code).toBe('FORBIDDEN');
    } finally {
      await w.core.close();
    }
  });

  it('ends a disabled user\'s open session at once and refuses their sign-in until enabled', async () => {
    const w = await world();
    try {
      await w.call(WINDOW_B, 'session.unlock', { username: 'bob', passphrase: 'bob passphrase long', remember: false });
      expect(await w.call(WINDOW_B, 'session.current', {})).toMatchObject({ username: 'bob' });
      expect(await w.call(WINDOW_A, 'user.disable', { userId: w.ids['bob'] ?? '' })).toMatchObject({ state: 'disabled' });
      expect(await w.call(WINDOW_B, 'session.current', {})).toBeNull();
      expect((await w.refusal(WINDOW_B, 'session.unlock', { username: 'bob', passphrase: 'bob passphrase long', remember: false })).message).toMatch(/disabled/);
      await w.call(WINDOW_A, 'user.enable', { userId: w.ids['bob'] ?? '' });
      await w.call(WINDOW_B, 'session.unlock', { username: 'bob', passphrase: 'bob passphrase long', remember: false });
      expect(((await w.call(WINDOW_B, 'credential.reveal', { id: w.credentialId, purpose: 'view' })) as { secret: string }).secret).toBe(SECRET);
    } finally {
      await w.core.close();
    }
  });

  it('removing a user rotates the keys: their old key file is refused, everyone else and every secret carries on, the trail verifies', async () => {
    const w = await world();
    try {
      const oldKeyFile = join(tempDir(), 'bob-copy.keys.json');
      copyFileSync(join(w.dataDir, 'vault.keys.json'), oldKeyFile);
      const removed = (await w.call(WINDOW_A, 'user.remove', { userId: w.ids['bob'] ?? '' })) as { state: string; generation: number };
      expect(removed).toMatchObject({ state: 'removed', generation: 2 });
      const file = await readKeyFile(w.dataDir);
      expect(file.slots.map((slot) => slot.slotId)).not.toContain(slotIdFor(file.vaultId, 'bob'));
      expect(file.rotation).toBeUndefined();
      expect(((await w.call(WINDOW_A, 'credential.reveal', { id: w.credentialId, purpose: 'view' })) as { secret: string }).secret).toBe(SECRET);
      expect(await w.call(WINDOW_A, 'audit.verify', {})).toMatchObject({ ok: true });
      const users = (await w.call(WINDOW_A, 'user.list', {})) as { username: string; state: string }[];
      expect(users.find((user) => user.username === 'bob')?.state).toBe('removed');
      expect((await w.refusal(WINDOW_B, 'session.unlock', { username: 'bob', passphrase: 'bob passphrase long', remember: false })).code).toBe('WRONG_PASSPHRASE');
      await w.call(WINDOW_B, 'session.unlock', { username: 'carol', passphrase: 'carol passphrase long', remember: false });
      await w.core.close();

      // Bob kept a copy of the old key file: with the database as it is now, it opens nothing.
      const stolen = tempDir();
      mkdirSync(stolen, { recursive: true });
      copyFileSync(oldKeyFile, join(stolen, 'vault.keys.json'));
      copyFileSync(join(w.dataDir, 'vault.db'), join(stolen, 'vault.db'));
      await expect(openVault(stolen, 'bob', 'bob passphrase long')).rejects.toThrow(/cannot be decrypted with this key/);
      // The remaining users open the rotated vault with their unchanged passphrases.
      const reopened = await openVault(w.dataDir, 'carol', 'carol passphrase long');
      expect(reopened.keys.generation).toBe(2);
      expect(reopened.fields.holdsSecrets).toBe(false);
      await reopened.close();
    } finally {
      await w.core.close();
    }
  });

  it('demotion from a secret-holding role rotates and leaves the slot without the secrets key; promotion gives it back', async () => {
    const w = await world();
    try {
      await w.call(WINDOW_A, 'user.setRole', { userId: w.ids['bob'] ?? '', role: 'auditor' });
      await w.core.close();
      const demoted = await openVault(w.dataDir, 'bob', 'bob passphrase long');
      expect(demoted.keys.generation).toBe(2);
      expect(demoted.fields.holdsSecrets).toBe(false);
      await demoted.close();

      const again = testCore(w.dataDir);
      try {
        const ok = async <C extends ChannelName>(sender: Sender, channel: C, payload: ChannelRequest<C>) => {
          const result = await again.call(sender, channel, payload);
          if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
          return result.value as never;
        };
        await ok(WINDOW_A, 'session.unlock', { username: 'alice', passphrase: 'alice passphrase long', remember: false });
        await ok(WINDOW_A, 'user.setRole', { userId: w.ids['carol'] ?? '', role: 'operator' });
        await ok(WINDOW_B, 'session.unlock', { username: 'carol', passphrase: 'carol passphrase long', remember: false });
        await ok(WINDOW_A, 'session.lock', {});
        // Alice is gone: the secrets key in memory is carol's own, from her new envelope.
        expect(((await ok(WINDOW_B, 'credential.reveal', { id: w.credentialId, purpose: 'view' })) as { secret: string }).secret).toBe(SECRET);
      } finally {
        await again.close();
      }
    } finally {
      await w.core.close().catch(() => undefined);
    }
  });

  it('an auditor alone has no secrets key in memory: sealed fields are refused in their words', async () => {
    const w = await world();
    try {
      await w.call(WINDOW_A, 'session.lock', {});
      await w.call(WINDOW_A, 'session.unlock', { username: 'carol', passphrase: 'carol passphrase long', remember: false });
      const vault = w.core.sessions.vault();
      expect(vault.fields.holdsSecrets).toBe(false);
      expect(() => vault.fields.open(Buffer.alloc(40), { table: 'credentials', column: 'content', rowId: String(w.credentialId) })).toThrow(/Your role cannot decrypt secrets/);
      // An operator joins: their slot brings the secrets key; when they leave it goes.
      await w.call(WINDOW_B, 'session.unlock', { username: 'bob', passphrase: 'bob passphrase long', remember: false });
      expect(((await w.call(WINDOW_B, 'credential.reveal', { id: w.credentialId, purpose: 'view' })) as { secret: string }).secret).toBe(SECRET);
      await w.call(WINDOW_B, 'session.lock', {});
      expect(w.core.sessions.vault().fields.holdsSecrets).toBe(false);
    } finally {
      await w.core.close();
    }
  });

  it('keeps working in the same process after rotations: a user added after two rotations gets the current secrets key', async () => {
    const w = await world();
    try {
      await w.call(WINDOW_A, 'vault.rotateKeys', {});
      expect(await w.call(WINDOW_A, 'vault.rotateKeys', {})).toMatchObject({ generation: 3 });
      await w.call(WINDOW_A, 'user.add', { username: 'erin', role: 'operator', passphrase: 'erin passphrase long' });
      await w.call(WINDOW_A, 'user.setRole', { userId: w.ids['carol'] ?? '', role: 'operator' });
      await w.call(WINDOW_A, 'session.lock', {});
      for (const username of ['erin', 'carol']) {
        await w.call(WINDOW_B, 'session.unlock', { username, passphrase: `${username} passphrase long`, remember: false });
        expect(((await w.call(WINDOW_B, 'credential.reveal', { id: w.credentialId, purpose: 'view' })) as { secret: string }).secret).toBe(SECRET);
        await w.call(WINDOW_B, 'session.lock', {});
      }
    } finally {
      await w.core.close();
    }
  });

  it('an administrator who joins a vault an auditor opened can remove a user (rotation) and promote one; the secrets key goes when they leave', async () => {
    const w = await world();
    try {
      await w.call(WINDOW_A, 'session.lock', {});
      await w.call(WINDOW_A, 'session.unlock', { username: 'carol', passphrase: 'carol passphrase long', remember: false });
      await w.call(WINDOW_B, 'session.unlock', { username: 'alice', passphrase: 'alice passphrase long', remember: false });
      expect(await w.call(WINDOW_B, 'user.remove', { userId: w.ids['bob'] ?? '' })).toMatchObject({ generation: 2 });
      await w.call(WINDOW_B, 'user.setRole', { userId: w.ids['dave'] ?? '', role: 'operator' });
      expect(((await w.call(WINDOW_B, 'credential.reveal', { id: w.credentialId, purpose: 'view' })) as { secret: string }).secret).toBe(SECRET);
      await w.call(WINDOW_B, 'session.lock', {});
      const vault = w.core.sessions.vault();
      expect(vault.fields.holdsSecrets).toBe(false);
      expect(vault.keys.current.secretsKey).toBeNull();
      await w.call(WINDOW_B, 'session.unlock', { username: 'dave', passphrase: 'dave passphrase long', remember: false });
      expect(((await w.call(WINDOW_B, 'credential.reveal', { id: w.credentialId, purpose: 'view' })) as { secret: string }).secret).toBe(SECRET);
    } finally {
      await w.core.close();
    }
  });
});
