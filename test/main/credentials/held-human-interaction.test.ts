import { describe, expect, it } from 'vitest';
import { at, useBulkWorld } from '../bulk/bulk-fixture';

const world = useBulkWorld();

/**
 * "Needs human interaction" keeps the runner from changing a secret unattended. On a highly critical
 * credential, clearing it from the editor is a lowering of the bar: it waits for an approver like a
 * lowered criticality (9007), while the rest of the upsert applies; setting it applies at once.
 */
describe('clearing needs human interaction on a highly critical credential', () => {
  it('is held for an approver, and applies only when approved', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'mfa-root', username: 'root', content: 'pw-1', needs_human_interaction: true, additional_settings: { criticality: 'high' } });
    const response = await w.call('olga', 'credential.upsert', { identifier: 'mfa-root', username: 'root', hostname: 'srv01', ip: '10.0.0.1', notes: 'token moved', needs_human_interaction: false });
    expect(response).toMatchObject({ code: 202, response: { error_code: 9007 }, approvalRequest: 'BULK-000001' });
    expect(response.response.detail).toContain('needs human interaction');
    const held = await w.credential('admin', id);
    expect(held.needs_human_interaction).toBe(true);
    expect(held.notes).toBe('token moved');
    // Still refused by the runner's rule while it waits.
    expect((await w.call('olga', 'operation.requestChange', { credentialIds: [id] })).scheduled).toHaveLength(0);

    const request = await w.call('ana', 'bulk.get', { ref: 'BULK-000001' });
    expect(at(request.tasks, 0).changes).toEqual([{ field: 'needs_human_interaction', from: true, to: false }]);
    expect(await w.call('ana', 'bulk.approve', { ref: request.id, justification: 'token replaced by a service account' })).toMatchObject({ state: 'Success' });
    expect((await w.credential('admin', id)).needs_human_interaction).toBe(false);
  });

  it('applies at once when set, or on a credential that is not highly critical', async () => {
    const w = await world();
    const critical = await w.addCredential({ identifier: 'crit', username: 'root', content: 'pw', additional_settings: { criticality: 'high' } });
    const plain = await w.addCredential({ identifier: 'plain', username: 'app', content: 'pw', needs_human_interaction: true });
    const set = await w.call('olga', 'credential.upsert', { identifier: 'crit', username: 'root', hostname: 'srv01', ip: '10.0.0.1', needs_human_interaction: true });
    expect(set.code).toBe(201);
    expect((await w.credential('admin', critical)).needs_human_interaction).toBe(true);
    const cleared = await w.call('olga', 'credential.upsert', { identifier: 'plain', username: 'app', hostname: 'srv01', ip: '10.0.0.1', needs_human_interaction: false });
    expect(cleared.code).toBe(201);
    expect((await w.credential('admin', plain)).needs_human_interaction).toBe(false);
  });
});
