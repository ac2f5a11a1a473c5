import { describe, expect, it } from 'vitest';
import { useBulkWorld } from '../bulk/bulk-fixture';

const world = useBulkWorld();
const CRITICAL = { execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change own password' }, additional_settings: { criticality: 'high' } };

describe('operations awaiting approval next to bulk requests', () => {
  it('lists them with requester, criticality and expiry; one count of both kinds feeds the badge and the dashboard; never one\'s own', async () => {
    const w = await world();
    const requestedAt = new Date('2026-05-04T09:00:00.000Z');
    w.setClock(requestedAt);
    const id = await w.addCredential({ identifier: 'core-root', username: 'root', content: 'pw-1', ...CRITICAL });
    const other = await w.addCredential({ identifier: 'plain', username: 'plain', content: 'pw-2' });
    const code = (await w.call('olga', 'operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    await w.call('olga', 'bulk.request', { action: 'disable', credentialIds: [other] });

    const listed = await w.call('ana', 'operation.pendingApprovals', {});
    expect(listed.rows).toHaveLength(1);
    expect(listed.rows[0]).toMatchObject({ code, identifier: 'core-root', requester: 'olga', trigger: 'manual', criticality: 'high', state: 'AwaitingApproval', requestedAt: requestedAt.toISOString(), expiresAt: '2026-05-07T09:00:00.000Z', ownRequest: false });
    expect(await w.call('ana', 'approvals.pendingCount', {})).toEqual({ awaitingDecision: 2, bulk: 1, operations: 1, mine: 0 });
    expect((await w.call('ana', 'dashboard.summary', {})).pendingApprovals.count).toBe(2);
    // An operator cannot decide either kind: nothing awaits their decision, their bulk request is theirs.
    expect(await w.call('olga', 'approvals.pendingCount', {})).toEqual({ awaitingDecision: 0, bulk: 0, operations: 0, mine: 1 });

    // Olga becomes an approver: her own operation is listed as hers, not counted, and refused.
    await w.core.sessions.vault().database.db.updateTable('users').set({ role: 'approver' }).where('username', '=', 'olga').execute();
    await w.signInAgain('olga');
    expect((await w.call('olga', 'operation.pendingApprovals', {})).rows[0]).toMatchObject({ code, ownRequest: true });
    expect((await w.call('olga', 'approvals.pendingCount', {})).operations).toBe(0);
    const refused = await w.invoke('olga', 'operation.approve', { code, justification: 'mine' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await w.call('ana', 'operation.approve', { code, justification: 'planned rotation' });
    expect((await w.call('ana', 'operation.pendingApprovals', {})).rows).toEqual([]);
    expect(await w.call('ana', 'approvals.pendingCount', {})).toMatchObject({ awaitingDecision: 1, operations: 0 });
    expect((await w.call('ana', 'operation.get', { code })).state).toBe('Scheduled');
  });

  it('an operation left undecided past the expiry is Expired, neither listed nor counted', async () => {
    const w = await world();
    w.setClock(new Date('2026-05-04T09:00:00.000Z'));
    const id = await w.addCredential({ identifier: 'core-db', username: 'dba', content: 'pw-1', ...CRITICAL });
    const code = (await w.call('olga', 'operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    w.setClock(new Date('2026-05-07T09:00:01.000Z'));
    expect((await w.call('ana', 'approvals.pendingCount', {})).operations).toBe(0);
    expect((await w.call('ana', 'operation.pendingApprovals', {})).rows).toEqual([]);
    expect((await w.call('ana', 'operation.get', { code })).state).toBe('Expired');
  });
});
