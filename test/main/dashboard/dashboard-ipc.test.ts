import { describe, expect, it } from 'vitest';
import { useBulkWorld, type BulkWorld } from '../bulk/bulk-fixture';
import type { OperationStateName } from '../../../shared/contract/operation-channels';

const world = useBulkWorld();
const NOW = new Date('2024-06-15T12:00:00.000Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const AUTO = { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - change own password' };

async function operation(w: BulkWorld, credentialId: number, state: OperationStateName, scheduledAt: string, type: 'change_password' | 'verify' = 'change_password'): Promise<number> {
  const db = w.core.sessions.vault().database.db;
  const n = Number((await db.selectFrom('operations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) + 1;
  const row = await db
    .insertInto('operations')
    .values({ code: `OP-${String(n).padStart(6, '0')}`, type, credential_id: credentialId, device_id: (await db.selectFrom('credentials').select('device_id').where('id', '=', credentialId).executeTakeFirstOrThrow()).device_id, requester: 'olga', trigger: 'manual', scheduled_at: scheduledAt, state, next_attempt_at: scheduledAt, created_at: scheduledAt, updated_at: scheduledAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function failedAttempts(w: BulkWorld, operationId: number, count: number, at: string): Promise<void> {
  const db = w.core.sessions.vault().database.db;
  for (let i = 1; i <= count; i += 1) await db.insertInto('attempts').values({ operation_id: operationId, number: i, started_at: at, ended_at: at, outcome: i % 2 ? 'error' : 'unverified', runner: 'r' }).execute();
}

describe('dashboard.summary', () => {
  it('counts a known vault exactly, and each figure links to a filter that lists the same credentials', async () => {
    const w = await world();
    w.setClock(NOW);
    const db = w.core.sessions.vault().database.db;
    const a = await w.addCredential({ identifier: 'a', username: 'a', content: 'x', execution_settings: AUTO });
    const b = await w.addCredential({ identifier: 'b', username: 'b', content: 'x', execution_settings: AUTO });
    const c = await w.addCredential({ identifier: 'c', username: 'c', content: 'x', execution_settings: AUTO });
    const d = await w.addCredential({ identifier: 'd', username: 'd', content: 'x' });
    const e = await w.call('admin', 'credential.upsert', { hostname: 'srv02', ip: '10.0.0.2', username: 'e', identifier: 'e', content: 'x', expires_at: daysAgo(1) }).then((r) => Number(r.credential?.id));
    // updated: a (2 days ago) and b (10 days ago) within 30 days; c changed 40 days ago.
    await db.updateTable('credentials').set({ last_changed_at: daysAgo(2) }).where('id', '=', a).execute();
    await db.updateTable('credentials').set({ last_changed_at: daysAgo(10), in_sync: 'NotInSync' }).where('id', '=', b).execute();
    // expired: c by its policy's next change time, e by its own expiry date.
    await db.updateTable('credentials').set({ last_changed_at: daysAgo(40), next_change_at: daysAgo(5) }).where('id', '=', c).execute();
    await db.updateTable('credentials').set({ in_sync: 'NotInSync' }).where('id', '=', d).execute();
    // error: a's last change with a result failed, c's is Unverified (an older success does not count); b failed then succeeded.
    await operation(w, a, 'Success', daysAgo(3));
    const aFailed = await operation(w, a, 'Error', daysAgo(2));
    await operation(w, b, 'Unverified', daysAgo(4));
    await operation(w, b, 'Success', daysAgo(3));
    await operation(w, c, 'Unverified', daysAgo(1));
    await operation(w, d, 'Error', daysAgo(1), 'verify'); // a verify is not a change
    // waiting: three open operations; a Canceled one is not waiting.
    await operation(w, a, 'Scheduled', daysAgo(0));
    await operation(w, b, 'AwaitingApproval', daysAgo(0));
    await operation(w, c, 'Running', daysAgo(0));
    await operation(w, d, 'Canceled', daysAgo(0));
    await operation(w, e, 'Success', daysAgo(45)); // outside the 30-day chart
    await failedAttempts(w, aFailed, 3, daysAgo(2));
    // e's change 6 days ago failed after its success 45 days ago: e counts as error too.
    await failedAttempts(w, await operation(w, e, 'Error', daysAgo(6)), 5, daysAgo(6));
    await w.call('olga', 'bulk.request', { action: 'disable', credentialIds: [d] });

    const summary = await w.call('ana', 'dashboard.summary', {});
    const counts = Object.fromEntries(Object.entries(summary.credentials).map(([k, v]) => [k, v.count]));
    expect(counts).toEqual({ total: 5, managed: 3, notManaged: 2, updated: 2, expired: 2, waiting: 3, error: 3, notInSync: 2 });
    // Pending approvals: olga's bulk request and b's change Awaiting approval (both kinds, one count).
    expect(summary.pendingApprovals).toEqual({ count: 2, link: { view: 'approvals', filter: { states: ['Pending approval'] } } });
    expect(summary.credentials.waiting.link).toEqual({ view: 'operations', filter: { states: ['Scheduled', 'AwaitingApproval', 'Running'] } });

    // Every credentials link, fed to the grid, lists exactly the counted credentials.
    const expected: Record<string, string[]> = { total: ['a', 'b', 'c', 'd', 'e'], managed: ['a', 'b', 'c'], notManaged: ['d', 'e'], updated: ['a', 'b'], expired: ['c', 'e'], error: ['a', 'c', 'e'], notInSync: ['b', 'd'] };
    for (const [name, identifiers] of Object.entries(expected)) {
      const figure = summary.credentials[name as keyof typeof summary.credentials];
      if (figure.link.view !== 'credentials') throw new Error(`${name} should link to credentials`);
      const page = await w.call('ana', 'credential.query', { filters: figure.link.filter, limit: 500 });
      expect([page.total, page.rows.map((r) => r.identifier).sort()], name).toEqual([identifiers.length, identifiers]);
    }
    const waiting = summary.credentials.waiting.link;
    if (waiting.view !== 'operations') throw new Error('waiting links to operations');
    expect((await w.call('ana', 'operation.list', waiting.filter)).total).toBe(3);

    expect(summary.operationsPerDay).toHaveLength(30);
    expect(summary.operationsPerDay.at(-1)?.day).toBe('2024-06-15');
    const byDay = Object.fromEntries(summary.operationsPerDay.map((d) => [d.day, Object.fromEntries(Object.entries(d.counts).filter(([, n]) => n > 0))]));
    expect(byDay['2024-06-15']).toEqual({ Scheduled: 1, AwaitingApproval: 1, Running: 1, Canceled: 1 });
    expect(byDay['2024-06-13']).toEqual({ Error: 1 });
    expect(byDay['2024-06-12']).toEqual({ Success: 2 });
    expect(byDay['2024-06-14']).toEqual({ Unverified: 1, Error: 1 });
    expect(byDay['2024-06-11']).toEqual({ Unverified: 1 });
    expect(byDay['2024-06-09']).toEqual({ Error: 1 });
    const total = summary.operationsPerDay.reduce((sum, d) => sum + Object.values(d.counts).reduce((s, n) => s + n, 0), 0);
    expect(total).toBe(11); // 12 operations, one of them 45 days ago
    const day = summary.operationsPerDay.find((d) => d.day === '2024-06-15');
    if (day?.link.view !== 'operations') throw new Error('a day links to operations');
    expect((await w.call('ana', 'operation.list', day.link.filter)).total).toBe(4);

    expect(summary.topFailingDevices.map((d) => [d.hostname, d.failedAttempts])).toEqual([
      ['srv02', 5],
      ['srv01', 3],
    ]);
    expect(summary.topFailingDevices[0]?.link).toEqual({ view: 'operations', filter: { device: 'srv02', states: ['Error', 'Unverified'] } });

    // A narrower "updated" window.
    expect((await w.call('ana', 'dashboard.summary', { updatedWithinDays: 5 })).credentials.updated.count).toBe(1);
  });
});
