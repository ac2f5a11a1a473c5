import { describe, expect, it } from 'vitest';
import { useBulkWorld, type BulkWorld } from './bulk-fixture';

const world = useBulkWorld();
const AUTO_CHANGE = { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change own password', use_own_credential_to_connect: true };

async function reasons(w: BulkWorld, ids: readonly number[], changes: Record<string, unknown>): Promise<(string | undefined)[]> {
  const preview = await w.call('olga', 'bulk.preview', { action: 'edit', credentialIds: [...ids], changes });
  return preview.items.map((i) => i.reason);
}

describe('bulk edit reuses the upsert execution-settings rules', () => {
  it('refuses what the editor and the API refuse, with the same codes', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'svc', username: 'svc', content: 'pw-svc' });
    expect(await reasons(w, [id], { execution_settings: { ...AUTO_CHANGE, change_template: 'No such template' } })).toEqual([expect.stringMatching(/"No such template" does not exist \(error 9102\)/)]);
    expect(await reasons(w, [id], { execution_settings: { ...AUTO_CHANGE, change_plugin: 'Gopher' } })).toEqual([expect.stringMatching(/error 9101/)]);
    expect(await reasons(w, [id], { execution_settings: { ...AUTO_CHANGE, change_template: 'Linux - Verify' } })).toEqual([expect.stringMatching(/error 9104/)]);
    expect(await reasons(w, [id], { execution_settings: { ...AUTO_CHANGE, use_own_credential_to_connect: false } })).toEqual([expect.stringMatching(/authentication_credential is required .*\(error 9105\)/)]);
    expect(await reasons(w, [id], { execution_settings: { ...AUTO_CHANGE, use_own_credential_to_connect: false, authentication_credential: 'ghost' } })).toEqual([expect.stringMatching(/error 9106/)]);
    expect(await reasons(w, [id], { execution_settings: { status: true, reconciliation_plugin: 'SSH', reconciliation_template: 'Linux - Reconcile password as root', reconciliation_credential: 'ghost' } })).toEqual([expect.stringMatching(/error 9108/)]);
    const refused = await w.invoke('olga', 'bulk.request', { action: 'edit', credentialIds: [id], changes: { execution_settings: { ...AUTO_CHANGE, change_template: 'No such template' } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await reasons(w, [id], { execution_settings: AUTO_CHANGE })).toEqual([undefined]);
  });

  it('refuses a parent that would close a cycle (9109)', async () => {
    const w = await world();
    const a = await w.addCredential({ identifier: 'A', username: 'a' });
    const b = await w.addCredential({ identifier: 'B', username: 'b', parent_password: a });
    const c = await w.addCredential({ identifier: 'C', username: 'c', parent_password: b });
    expect(await reasons(w, [a], { parent_credential_id: c })).toEqual([expect.stringMatching(/close a cycle \(error 9109\)/)]);
    expect(await reasons(w, [a], { parent_credential_id: a })).toEqual([expect.stringMatching(/own parent/)]);
  });

  it('marks credentials as needing MFA / human interaction; Expire then schedules no change for them', async () => {
    const w = await world();
    const marked = await w.addCredential({ identifier: 'mfa-1', username: 'mfa1', content: 'pw-mfa-1', execution_settings: AUTO_CHANGE });
    const plain = await w.addCredential({ identifier: 'auto-1', username: 'auto1', content: 'pw-auto-1', execution_settings: AUTO_CHANGE });
    const edit = await w.call('olga', 'bulk.request', { action: 'edit', credentialIds: [marked], changes: { needs_human_interaction: true } });
    expect(edit.tasks.map((t) => t.changes)).toEqual([[{ field: 'needs_human_interaction', from: false, to: true }]]);
    expect(await w.call('ana', 'bulk.approve', { ref: edit.code, justification: 'token-protected account' })).toMatchObject({ state: 'Success' });
    expect((await w.credential('admin', marked)).needs_human_interaction).toBe(true);

    const preview = await w.call('olga', 'bulk.preview', { action: 'expire', credentialIds: [marked, plain] });
    expect(preview.items.map((i) => i.changes.map((c) => c.field))).toEqual([['expires_at'], ['expires_at', 'rotation']]);
    const expire = await w.call('olga', 'bulk.request', { action: 'expire', credentialIds: [marked, plain] });
    await w.call('ana', 'bulk.approve', { ref: expire.code, justification: 'quarterly expiry' });
    const operations = await w.call('admin', 'operation.list', {});
    expect(operations.rows.map((o) => o.credentialId)).toEqual([plain]);
    expect((await w.credential('admin', marked)).expires_at).not.toBeNull();
  });
});
