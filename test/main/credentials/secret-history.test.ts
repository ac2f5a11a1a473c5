import { describe, expect, it } from 'vitest';
import { historyLocation } from '../../../main/credentials/secret-history';
import { DEFAULT_HISTORY_LENGTH } from '../../../shared/domain/secret-history';
import { at, useBulkWorld, type BulkWorld } from '../bulk/bulk-fixture';

const world = useBulkWorld();

const DEFINITION = {
  strength: { lowercase: 4, uppercase: 4, digits: 4, symbols: 0, allowed_symbols: '', allow_repeated_characters: true },
  expiration: null,
  view_expiration_hours: null,
  change_window: { days: ['mon' as const], hours: [1] },
};

async function edit(w: BulkWorld, identifier: string, content: string): Promise<void> {
  const response = await w.call('admin', 'credential.upsert', { identifier, username: 'root', hostname: 'srv01', ip: '10.0.0.1', content });
  expect(response.code).toBe(201);
}

async function currentSecret(w: BulkWorld, id: number): Promise<string> {
  return (await w.call('admin', 'credential.reveal', { id, purpose: 'view' })).secret;
}

async function auditActions(w: BulkWorld, prefix: string) {
  const db = w.core.sessions.vault().database.db;
  return db.selectFrom('audit_log').select(['actor', 'action', 'object_id', 'details']).where('action', 'like', `${prefix}%`).orderBy('id').execute();
}

describe('password history', () => {
  it('keeps a secret replaced by an edit, sealed under its own AAD, listed without the secret', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'srv01-root', username: 'root', content: 'first secret 1' });
    expect(await w.call('admin', 'credential.history', { id })).toEqual([]);
    await edit(w, 'srv01-root', 'second secret 2');

    const history = await w.call('olga', 'credential.history', { id });
    expect(history).toEqual([{ id: expect.any(Number), credentialId: id, replacedAt: expect.any(String), reason: 'edit', operationCode: null, replacedBy: 'admin' }]);
    expect(JSON.stringify(history)).not.toContain('first secret');

    const db = w.core.sessions.vault().database.db;
    const row = await db.selectFrom('credential_secret_history').selectAll().executeTakeFirstOrThrow();
    expect(row.secret.toString('latin1')).not.toContain('first secret');
    expect(w.core.sessions.vault().fields.open(row.secret, historyLocation(id, row.id))).toBe('first secret 1');
    // Pointed at another credential (or another row), the entry no longer opens.
    expect(() => w.core.sessions.vault().fields.open(row.secret, historyLocation(id + 1, row.id))).toThrow(/failed authentication/);
    expect(() => w.core.sessions.vault().fields.open(row.secret, { table: 'credentials', column: 'content', rowId: String(id) })).toThrow(/failed authentication/);
  });

  it('keeps nothing when the same secret is written again, or when a credential is created', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'same', username: 'root', content: 'unchanged secret' });
    await edit(w, 'same', 'unchanged secret');
    const plain = await w.call('admin', 'credential.upsert', { identifier: 'same', username: 'root', hostname: 'srv01', ip: '10.0.0.1', notes: 'no secret sent' });
    expect(plain.code).toBe(201);
    expect(await w.call('admin', 'credential.history', { id })).toEqual([]);
  });

  it('caps the history at the default length (10), oldest dropped first', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'capped', username: 'root', content: 'secret 0' });
    for (let n = 1; n <= DEFAULT_HISTORY_LENGTH + 3; n++) await edit(w, 'capped', `secret ${n}`);
    const history = await w.call('admin', 'credential.history', { id });
    expect(history).toHaveLength(DEFAULT_HISTORY_LENGTH);
    // Newest first: the last replaced is "secret 12", the oldest kept "secret 3".
    expect((await w.call('admin', 'credential.revealHistory', { entryId: at(history, 0).id })).secret).toBe(`secret ${DEFAULT_HISTORY_LENGTH + 2}`);
    expect((await w.call('admin', 'credential.revealHistory', { entryId: at(history, DEFAULT_HISTORY_LENGTH - 1).id })).secret).toBe('secret 3');
  });

  it("caps the history at the governing policy's historyLength, and 0 keeps none", async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'short', username: 'root', content: 'secret 0' });
    const policy = await w.call('admin', 'policy.save', { input: { name: 'Short history', definition: { ...DEFINITION, historyLength: 2 }, criteria: { device_types: [], tags: [] } } });
    expect(policy.definition.historyLength).toBe(2);
    for (let n = 1; n <= 5; n++) await edit(w, 'short', `secret ${n}`);
    const history = await w.call('admin', 'credential.history', { id });
    expect(history).toHaveLength(2);
    expect((await w.call('admin', 'credential.revealHistory', { entryId: at(history, 1).id })).secret).toBe('secret 3');

    await w.call('admin', 'policy.save', { id: policy.id, input: { name: 'Short history', definition: { ...DEFINITION, historyLength: 0 }, criteria: { device_types: [], tags: [] } } });
    await edit(w, 'short', 'secret 6');
    expect(await w.call('admin', 'credential.history', { id })).toEqual([]);
  });

  it('a lowered history length drops the old secrets when the policy is saved, assigned, archived or restored, not at the next change', async () => {
    const w = await world();
    const criteria = { device_types: [], tags: ['pci'] };
    const id = await w.addCredential({ identifier: 'kept', username: 'root', content: 'secret 0', tags: 'pci' });
    for (let n = 1; n <= 6; n++) await edit(w, 'kept', `secret ${n}`);
    expect(await w.call('admin', 'credential.history', { id })).toHaveLength(6);
    const trimmedIn = async (action: string) => (JSON.parse((await auditActions(w, action)).at(-1)?.details ?? '{}') as { historyTrimmed?: number }).historyTrimmed;

    // Saved with a shorter history: the newest 4 stay, the 2 oldest go now, in the save's audit entry.
    const policy = await w.call('admin', 'policy.save', { input: { name: 'PCI', definition: { ...DEFINITION, historyLength: 4 }, criteria } });
    expect((await w.call('admin', 'credential.history', { id })).length).toBe(4);
    expect(await trimmedIn('policy.create')).toBe(2);
    expect((await w.call('admin', 'credential.revealHistory', { entryId: at(await w.call('admin', 'credential.history', { id }), 0).id })).secret).toBe('secret 5');

    // A stricter policy assigned explicitly.
    const strict = await w.call('admin', 'policy.save', { input: { name: 'Strict', definition: { ...DEFINITION, historyLength: 1 }, criteria: { device_types: [], tags: ['nothing-has-this'] } } });
    expect(await w.call('admin', 'credential.history', { id })).toHaveLength(4);
    await w.call('admin', 'policy.assign', { credentialIds: [id], policyId: strict.id });
    expect(await w.call('admin', 'credential.history', { id })).toHaveLength(1);
    expect(await trimmedIn('policy.assign')).toBe(3);

    // Back to the PCI policy by criteria; archived, the default (10) lets the history grow; restored, 4 at most again.
    await w.call('admin', 'policy.assign', { credentialIds: [id], policyId: null });
    await w.call('admin', 'policy.archive', { id: policy.id });
    expect(await trimmedIn('policy.archive')).toBe(0);
    for (let n = 7; n <= 12; n++) await edit(w, 'kept', `secret ${n}`);
    expect(await w.call('admin', 'credential.history', { id })).toHaveLength(7);
    await w.call('admin', 'policy.restore', { id: policy.id });
    expect(await w.call('admin', 'credential.history', { id })).toHaveLength(4);
    expect(await trimmedIn('policy.restore')).toBe(3);

    // And 0 keeps none, at once.
    await w.call('admin', 'policy.save', { id: policy.id, input: { name: 'PCI', definition: { ...DEFINITION, historyLength: 0 }, criteria } });
    expect(await w.call('admin', 'credential.history', { id })).toEqual([]);
    expect(await trimmedIn('policy.update')).toBe(4);
    expect(await currentSecret(w, id)).toBe('secret 12');
  });

  it('refuses a history length outside 0..100 with the words the policy form shows', async () => {
    const w = await world();
    for (const [historyLength, words] of [
      [101, /at most 100/],
      [-1, /cannot be negative/],
      [2.5, /whole number/],
    ] as const) {
      const refused = await w.invoke('admin', 'policy.save', { input: { name: 'Bad', definition: { ...DEFINITION, historyLength }, criteria: { device_types: [], tags: [] } } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(JSON.stringify(refused)).toMatch(words);
    }
    // Stored before the setting existed: reads as the default.
    const saved = await w.call('admin', 'policy.save', { input: { name: 'Old style', definition: DEFINITION, criteria: { device_types: [], tags: [] } } });
    expect(saved.definition.historyLength).toBe(DEFAULT_HISTORY_LENGTH);
  });

  it('reveals an old secret only to roles with credential.reveal, each reveal audited in its own read', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'audited', username: 'root', content: 'old one 1' });
    await edit(w, 'audited', 'new one 2');
    const [entry] = await w.call('audrey', 'credential.history', { id });
    if (!entry) throw new Error('expected one history entry');

    for (const person of ['audrey', 'ana'] as const) {
      expect(await w.invoke(person, 'credential.revealHistory', { entryId: entry.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await auditActions(w, 'credential.reveal_history')).toEqual([]);

    expect(await w.call('olga', 'credential.revealHistory', { entryId: entry.id })).toEqual({ secret: 'old one 1', entry });
    const audited = await auditActions(w, 'credential.reveal_history');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor: 'olga', object_id: String(id) });
    expect(JSON.parse(String(audited[0]?.details))).toMatchObject({ identifier: 'audited', historyEntry: entry.id });
    expect(String(audited[0]?.details)).not.toContain('old one');
    // Not a view of the current secret: the policy's "change after viewing" is not triggered by it.
    expect((await w.core.sessions.vault().database.db.selectFrom('credentials').select('view_count').where('id', '=', id).executeTakeFirstOrThrow()).view_count).toBe(0);

    expect(await w.invoke('olga', 'credential.revealHistory', { entryId: entry.id + 100 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/No password history entry.*list the credential's history/) } });
  });

  it('restores an old secret through the vault-only reset: the reset audit names the entry, the replaced one joins the history, a verify is scheduled', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'restored', username: 'root', content: 'backup era secret' });
    await edit(w, 'restored', 'current secret 2');
    const [entry] = await w.call('admin', 'credential.history', { id });
    if (!entry) throw new Error('expected one history entry');

    expect(await w.invoke('ana', 'credential.restoreHistory', { entryId: entry.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.invoke('audrey', 'credential.restoreHistory', { entryId: entry.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const result = await w.call('olga', 'credential.restoreHistory', { entryId: entry.id });
    expect(result).toEqual({ mode: 'vault', verifyOperationCode: expect.any(String) });
    expect(JSON.stringify(result)).not.toContain('backup era');
    expect(await currentSecret(w, id)).toBe('backup era secret');
    expect((await w.credential('admin', id)).in_sync).toBe('unknown');

    const history = await w.call('admin', 'credential.history', { id });
    expect(history.map((e) => [e.reason, e.replacedBy])).toEqual([
      ['restore', 'olga'],
      ['edit', 'admin'],
    ]);
    expect((await w.call('admin', 'credential.revealHistory', { entryId: at(history, 0).id })).secret).toBe('current secret 2');

    const resets = await auditActions(w, 'credential.reset');
    expect(resets).toHaveLength(1);
    expect(JSON.parse(String(resets[0]?.details))).toMatchObject({ mode: 'vault', restoredHistoryEntry: entry.id, verify: result.mode === 'vault' ? result.verifyOperationCode : null });
    expect(resets[0]?.actor).toBe('olga');
  });

  it("applies the reset's rules to a restore: an InSync credential loses that status only when confirmed", async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'insync', username: 'root', content: 'older 1' });
    await edit(w, 'insync', 'newer 2');
    await w.core.sessions.vault().database.db.updateTable('credentials').set({ in_sync: 'InSync' }).where('id', '=', id).execute();
    const [entry] = await w.call('admin', 'credential.history', { id });
    if (!entry) throw new Error('expected one history entry');

    expect(await w.invoke('olga', 'credential.restoreHistory', { entryId: entry.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/is InSync.*Confirm/) } });
    expect(await currentSecret(w, id)).toBe('newer 2');
    await w.call('olga', 'credential.restoreHistory', { entryId: entry.id, acceptInSyncLoss: true });
    expect(await currentSecret(w, id)).toBe('older 1');
  });

  it('records a reset and an import with their reasons and who did them', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'reasons', username: 'root', content: 'before reset' });
    await w.call('olga', 'credential.reset', { id, kind: 'password', secret: 'after reset', changeOnTarget: false });
    const csvText = 'identifier,username,hostname,ip,content\r\nreasons,root,srv01,10.0.0.1,imported secret\r\n';
    const preview = await w.call('admin', 'import.preview', { format: 'pamdesk', csvText });
    expect(preview.errors).toEqual([]);
    // The preview is rolled back: it keeps nothing.
    expect(await w.call('admin', 'credential.history', { id })).toHaveLength(1);
    await w.call('admin', 'import.commit', { token: String(preview.token) });

    const history = await w.call('admin', 'credential.history', { id });
    expect(history.map((e) => [e.reason, e.replacedBy])).toEqual([
      ['import', 'admin'],
      ['reset', 'olga'],
    ]);
    const secrets = await Promise.all(history.map(async (e) => (await w.call('admin', 'credential.revealHistory', { entryId: e.id })).secret));
    expect(secrets).toEqual(['after reset', 'before reset']);
    expect(await currentSecret(w, id)).toBe('imported secret');
  });

  it('answers NOT_FOUND for the history of a credential that does not exist', async () => {
    const w = await world();
    expect(await w.invoke('admin', 'credential.history', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
  it('survives a key rotation: the entry is re-sealed under the new secrets key and still reveals', async () => {
    const w = await world();
    await w.addCredential({ identifier: 'rotated', username: 'root', content: 'before rotation 1' });
    await edit(w, 'rotated', 'after rotation 2');
    const before = await w.core.sessions.vault().database.db.selectFrom('credential_secret_history').select('secret').executeTakeFirstOrThrow();
    await w.call('admin', 'vault.rotateKeys', {});
    const after = await w.core.sessions.vault().database.db.selectFrom('credential_secret_history').select(['id', 'secret']).executeTakeFirstOrThrow();
    expect(after.secret.equals(before.secret)).toBe(false);
    expect((await w.call('admin', 'credential.revealHistory', { entryId: after.id })).secret).toBe('before rotation 1');
  });
});
