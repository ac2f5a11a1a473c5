import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKeyFile } from '../../../main/vault/keys/key-file';
import type { ChannelName, ChannelRequest } from '../../../shared/contract/channels';
import { downgradeToFormat1 } from '../../support/legacy-vault';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A } from '../../support/test-core';

const tempDir = useTempDirs();
const PASSPHRASES = { admin: 'upgrade admin passphrase', olga: 'upgrade operator passphrase', audrey: 'upgrade auditor passphrase' } as const;
const SECRET = 'format-1 secret kept 7Yp!';

async function withCore<T>(dataDir: string, work: (call: <C extends ChannelName>(channel: C, payload: ChannelRequest<C>) => Promise<never>, core: ReturnType<typeof testCore>) => Promise<T>): Promise<T> {
  const core = testCore(dataDir);
  const call = async <C extends ChannelName>(channel: C, payload: ChannelRequest<C>) => {
    const result = await core.call(WINDOW_A, channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as never;
  };
  try {
    return await work(call, core);
  } finally {
    await core.close();
  }
}

describe('a format-1 vault', () => {
  it('opens for every user, boxes each slot at its own unlock, and gets keys per role at the first secret-holder sign-in once all are boxed, losing nothing', async () => {
    const dataDir = tempDir();
    const id = await withCore(dataDir, async (call) => {
      await call('vault.create', { username: 'admin', passphrase: PASSPHRASES.admin });
      await call('user.add', { username: 'olga', role: 'operator', passphrase: PASSPHRASES.olga });
      await call('user.add', { username: 'audrey', role: 'auditor', passphrase: PASSPHRASES.audrey });
      await call('device.upsert', { hostname: 'h1', ip: '10.0.0.1' });
      await call('credential.upsert', { username: 'root', hostname: 'h1', ip: '10.0.0.1', content: SECRET, identifier: 'h1-root' });
      return ((await call('credential.get', { ref: 'h1-root' })) as { id: number }).id;
    });
    await downgradeToFormat1(dataDir, 'admin', PASSPHRASES);
    expect(JSON.parse(readFileSync(join(dataDir, 'vault.keys.json'), 'utf8'))).toMatchObject({ format: 1 });

    // The auditor signs in first: the vault opens as before (generation 0), their slot gets a box.
    await withCore(dataDir, async (call, core) => {
      await call('session.unlock', { username: 'audrey', passphrase: PASSPHRASES.audrey, remember: false });
      expect(core.sessions.vault().keys.generation).toBe(0);
    });
    // The administrator: still generation 0, because olga's slot waits for her own unlock.
    await withCore(dataDir, async (call, core) => {
      await call('session.unlock', { username: 'admin', passphrase: PASSPHRASES.admin, remember: false });
      expect(core.sessions.vault().keys.generation).toBe(0);
      expect(((await call('credential.reveal', { id, purpose: 'view' })) as { secret: string }).secret).toBe(SECRET);
    });
    // Olga is the last: her sign-in upgrades the vault.
    await withCore(dataDir, async (call, core) => {
      await call('session.unlock', { username: 'olga', passphrase: PASSPHRASES.olga, remember: false });
      expect(core.sessions.vault().keys.generation).toBe(1);
      expect(((await call('credential.reveal', { id, purpose: 'view' })) as { secret: string }).secret).toBe(SECRET);
    });
    const file = await readKeyFile(dataDir);
    expect(file.format).toBe(2);
    expect(file.slots.every((slot) => slot.wrappedMasterKey === undefined && slot.envelopes?.map((envelope) => envelope.generation).join() === '1')).toBe(true);
    await withCore(dataDir, async (call, core) => {
      await call('session.unlock', { username: 'audrey', passphrase: PASSPHRASES.audrey, remember: false });
      expect(core.sessions.vault().fields.holdsSecrets).toBe(false);
      expect(await call('audit.verify', {})).toMatchObject({ ok: true, count: expect.any(Number) });
    });
  });
});
