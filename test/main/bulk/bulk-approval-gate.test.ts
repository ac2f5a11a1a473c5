import { describe, expect, it } from 'vitest';
import { at, useBulkWorld, type BulkWorld } from './bulk-fixture';

/**
 * Issue 11 on the bulk side, over IPC on a real vault: a bulk Expire of a highly critical
 * credential schedules a change that waits for approval; bulk approvals follow the same approver
 * rule as operations; and lowering a highly critical credential's criticality or changing its
 * execution settings from the editor (credential.upsert, seed 004's body) becomes a one-credential
 * bulk Edit request, answered 9007, while its other fields apply at once.
 */
const world = useBulkWorld();

const AUTO_CHANGE = { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change own password', use_own_credential_to_connect: true };
const PASSPHRASE = 'gate people passphrase';

/** Signs someone else in at otto's desk (otto signs out): the fixture has five windows. */
async function atOttosDesk(w: BulkWorld, username: string): Promise<void> {
  await w.call('otto', 'session.signOut', {});
  await w.call('otto', 'session.unlock', { username, passphrase: PASSPHRASE });
}

describe('the approval gate on bulk requests and edits (issue 11)', () => {
  it('a bulk Expire of a highly critical credential schedules a change that waits for its own approval', async () => {
    const w = await world();
    const high = await w.addCredential({ identifier: 'core-db', username: 'dba', content: 'pw-1', execution_settings: AUTO_CHANGE, additional_settings: { criticality: 'high' } });
    const plain = await w.addCredential({ identifier: 'plain', username: 'plain', content: 'pw-2', execution_settings: AUTO_CHANGE });
    const request = await w.call('olga', 'bulk.request', { action: 'expire', credentialIds: [high, plain] });
    const outcome = await w.call('ana', 'bulk.approve', { ref: request.id, justification: 'suspected leak' });
    expect(outcome.state).toBe('Success');
    const ops = await w.call('admin', 'operation.list', { limit: 10 });
    const byCredential = new Map(ops.rows.map((o) => [o.credentialId, o]));
    expect(byCredential.get(high)).toMatchObject({ trigger: 'bulk_expire', state: 'AwaitingApproval', requester: 'olga' });
    expect(byCredential.get(plain)).toMatchObject({ trigger: 'bulk_expire', state: 'Scheduled' });
    const shown = await w.call('olga', 'bulk.get', { ref: request.id });
    expect(at(shown.tasks, 0).message).toBe(`Expired; change ${byCredential.get(high)?.code ?? ''} is Awaiting approval: an approver must accept it in Approvals.`);
  });

  it('a bulk approval counts only from someone who existed before the request and was not added by the requester', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'web', username: 'web', content: 'pw-1' });
    await w.call('admin', 'user.add', { username: 'root2', role: 'administrator', passphrase: PASSPHRASE });
    await atOttosDesk(w, 'root2');
    await w.call('otto', 'user.add', { username: 'dee', role: 'approver', passphrase: PASSPHRASE });
    const request = await w.call('admin', 'bulk.request', { action: 'disable', credentialIds: [id] });
    await w.call('otto', 'user.add', { username: 'cid', role: 'approver', passphrase: PASSPHRASE });

    expect(await w.invoke('ana', 'bulk.approve', { ref: request.id, justification: 'ok' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: `ana was added by admin, who requested ${request.code}, so ana's approval cannot count: ask an approver who was not added by admin.` },
    });
    // The badge counts by the same rule: nothing for ana to decide.
    expect(await w.call('ana', 'approvals.pendingCount', {})).toMatchObject({ awaitingDecision: 0, bulk: 0 });
    await atOttosDesk(w, 'cid');
    expect(await w.call('otto', 'approvals.pendingCount', {})).toMatchObject({ awaitingDecision: 0, bulk: 0 });
    expect(await w.invoke('otto', 'bulk.approve', { ref: request.id, justification: 'ok' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: `cid was added to the vault after ${request.code} was requested, so cid's approval cannot count: ask an approver who existed before the request.` },
    });
    expect((await w.call('admin', 'bulk.get', { ref: request.id })).state).toBe('Pending approval');
    await atOttosDesk(w, 'dee');
    expect(await w.call('otto', 'approvals.pendingCount', {})).toMatchObject({ awaitingDecision: 1, bulk: 1 });
    expect(await w.call('otto', 'bulk.approve', { ref: request.id, justification: 'agreed' })).toMatchObject({ state: 'Success' });
    expect((await w.credential('admin', id)).status).toBe('inactive');
  });

  it('lowering the criticality from the editor goes to approval (9007) while the other fields apply; approval applies it', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'core-root', username: 'root', content: 'pw-1', tags: 'linux', execution_settings: AUTO_CHANGE, additional_settings: { criticality: 'high' } });
    const response = await w.call('olga', 'credential.upsert', { identifier: 'core-root', username: 'root', hostname: 'srv01', ip: '10.0.0.1', tags: 'linux,prod', additional_settings: { criticality: 'low' } });
    expect(response).toMatchObject({
      code: 202,
      response: { error: false, error_code: 9007, message: '9007: Change sent for approval', detail: 'core-root is highly critical, so the change of criticality was sent for approval; an approver must accept it in Approvals. The other fields were saved.' },
      credential: { id: String(id), identifier: 'core-root' },
      approvalRequest: 'BULK-000001',
    });
    const held = await w.credential('admin', id);
    expect(held.additional_settings.criticality).toBe('high');
    expect(held.tags).toEqual(['linux', 'prod']);
    const request = await w.call('ana', 'bulk.get', { ref: 'BULK-000001' });
    expect(request).toMatchObject({ action: 'edit', state: 'Pending approval', requestedBy: 'olga' });
    expect(at(request.tasks, 0).changes).toEqual([{ field: 'criticality', from: 'high', to: 'low' }]);
    // While it waits, a change of the secret still waits for approval.
    expect((await w.call('olga', 'operation.requestChange', { credentialIds: [id] })).scheduled).toHaveLength(1);
    expect((await w.call('admin', 'operation.list', { limit: 5 })).rows[0]?.state).toBe('AwaitingApproval');
    const trail = await w.call('admin', 'audit.list', {});
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['credential.update', 'bulk.request']));

    expect(await w.call('ana', 'bulk.approve', { ref: request.id, justification: 'retired from production' })).toMatchObject({ state: 'Success' });
    expect((await w.credential('admin', id)).additional_settings.criticality).toBe('low');
  });

  it('changing the execution settings of a highly critical credential goes to approval; raising criticality and other edits apply at once', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'core-ssh', username: 'ops', content: 'pw-1', execution_settings: AUTO_CHANGE, additional_settings: { criticality: 'high' } });
    const response = await w.call('olga', 'credential.upsert', { identifier: 'core-ssh', username: 'ops', hostname: 'srv01', ip: '10.0.0.1', notes: 'on call: ops', execution_settings: { automatic_change: false } });
    expect(response.response).toMatchObject({ error_code: 9007, detail: expect.stringContaining('the change of automatic_change was sent for approval') });
    const view = await w.credential('admin', id);
    expect(view.execution_settings?.automatic_change).toBe(true);
    expect(view.notes).toBe('on call: ops');
    const request = await w.call('ana', 'bulk.get', { ref: response.approvalRequest ?? '' });
    expect(at(request.tasks, 0).changes).toEqual([{ field: 'execution_settings.automatic_change', from: true, to: false }]);
    await w.call('ana', 'bulk.approve', { ref: request.id, justification: 'managed by hand from now on' });
    expect((await w.credential('admin', id)).execution_settings?.automatic_change).toBe(false);

    // Sending the same settings again changes nothing, so nothing waits; nor does an editor that
    // sends every switch (off, or on for use_own_credential_to_connect) where the stored object leaves it out.
    expect((await w.call('olga', 'credential.upsert', { identifier: 'core-ssh', username: 'ops', hostname: 'srv01', ip: '10.0.0.1', execution_settings: { automatic_change: false } })).code).toBe(201);
    const everySwitch = { ...AUTO_CHANGE, automatic_change: false, agent_based_password_change: false, status: false, use_own_credential_to_connect: true, reconciliation_plugin: '' };
    expect((await w.call('olga', 'credential.upsert', { identifier: 'core-ssh', username: 'ops', hostname: 'srv01', ip: '10.0.0.1', execution_settings: everySwitch })).code).toBe(201);
    const low = await w.addCredential({ identifier: 'edge', username: 'edge', content: 'pw-2', additional_settings: { criticality: 'low' } });
    expect((await w.call('olga', 'credential.upsert', { identifier: 'edge', username: 'edge', hostname: 'srv01', ip: '10.0.0.1', additional_settings: { criticality: 'high' } })).code).toBe(201);
    expect((await w.credential('admin', low)).additional_settings.criticality).toBe('high');
    expect((await w.call('ana', 'bulk.list', {})).total).toBe(1);
  });

  it('an execution setting a bulk Edit cannot carry is refused (9008) for a highly critical credential, and nothing of the upsert is written', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'core-agent', username: 'agent', content: 'pw-1', execution_settings: AUTO_CHANGE, additional_settings: { criticality: 'high' } });
    const refused = await w.invoke('olga', 'credential.upsert', { identifier: 'core-agent', username: 'agent', hostname: 'srv01', ip: '10.0.0.1', notes: 'not kept', execution_settings: { agent_based_password_change: true } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^9008: Change cannot be sent for approval: core-agent is highly critical, so a change of its execution setting "agent_based_password_change" needs an approver/) } });
    expect((await w.credential('admin', id)).notes).toBeNull();
    expect((await w.call('ana', 'bulk.list', {})).total).toBe(0);
  });

  it('a bulk Edit lowering criticality or changing execution settings of a highly critical credential is a request an approver decides', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'core-fw', username: 'fw', content: 'pw-1', execution_settings: AUTO_CHANGE, additional_settings: { criticality: 'high' } });
    const request = await w.call('olga', 'bulk.request', { action: 'edit', credentialIds: [id], changes: { criticality: 'medium', execution_settings: { automatic_change: false } } });
    expect(request.state).toBe('Pending approval');
    expect(at(request.tasks, 0).changes).toEqual([
      { field: 'criticality', from: 'high', to: 'medium' },
      { field: 'execution_settings.automatic_change', from: true, to: false },
    ]);
    expect((await w.credential('admin', id)).additional_settings.criticality).toBe('high');
    await w.call('ana', 'bulk.approve', { ref: request.id, justification: 'downgraded' });
    const after = await w.credential('admin', id);
    expect(after.additional_settings.criticality).toBe('medium');
    expect(after.execution_settings?.automatic_change).toBe(false);
  });
});
