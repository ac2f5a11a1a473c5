import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/core/create-core';
import { silentLogger } from '../../../main/logging/logger';
import { readKeyFile } from '../../../main/vault/keys/key-file';
import { slotIdFor } from '../../../main/vault/keys/slot-id';
import { useTempDirs } from '../../support/temp-dir';
import { absentKeyStore, WINDOW_A } from '../../support/test-core';

const tempDir = useTempDirs();

describe('an interrupted removal', () => {
  it("is finished by the next administrator's sign-in: the removed user's slot goes with a rotation", async () => {
    const dataDir = tempDir();
    let failAt: string | undefined = 'resealed';
    const options = { dataDir, shell: 'desktop' as const, isTrustedSender: () => true, logger: silentLogger, keyStore: absentKeyStore };
    const core = createCore({
      ...options,
      rotationCheckpoint: (at) => {
        // Stands in for a crash after the copy was re-sealed, before the key file and the swap.
        if (at === failAt) throw new Error('simulated crash');
      },
    });
    const call = async (channel: string, payload: unknown) => core.router.handle(WINDOW_A, channel, payload);
    expect(await call('vault.create', { username: 'alice', passphrase: 'alice passphrase long' })).toMatchObject({ ok: true });
    const bob = (await call('user.add', { username: 'bob', role: 'operator', passphrase: 'bob passphrase long' })) as { ok: true; value: { id: string } };
    expect((await call('user.remove', { userId: bob.value.id })).ok).toBe(false);
    const file = await readKeyFile(dataDir);
    expect(file.slots.map((slot) => slot.slotId)).toContain(slotIdFor(file.vaultId, 'bob'));
    failAt = undefined;
    await call('session.lock', {});
    expect(await call('session.unlock', { username: 'alice', passphrase: 'alice passphrase long', remember: false })).toMatchObject({ ok: true });
    const after = await readKeyFile(dataDir);
    expect(after.slots.map((slot) => slot.slotId)).not.toContain(slotIdFor(after.vaultId, 'bob'));
    expect(core.sessions.vault().keys.generation).toBe(2);
    expect(await call('audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
    await core.close();
  });
});
