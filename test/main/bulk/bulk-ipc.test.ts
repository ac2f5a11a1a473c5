import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { BulkField } from '../../../shared/domain/bulk';
import { at, changedKeys, comparable, useBulkWorld, type BulkWorld } from './bulk-fixture';

const world = useBulkWorld();

const AUTO_CHANGE = { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - change own password' };

/** Which CredentialView keys a bulk field lives in. */
function viewKeysOf(field: BulkField): string[] {
  if (field.startsWith('execution_settings.')) return ['execution_settings'];
  if (field === 'device') return ['device_id', 'hostname', 'ip'];
  if (field === 'parent_credential_id') return ['parent_credential_id'];
  return [field];
}

async function threeCredentials(w: BulkWorld): Promise<number[]> {
  return [
    await w.addCredential({ identifier: 'web-root', username: 'root', content: 'S3cret-root-1', tags: 'linux,prod', credential_type: 'Local User' }),
    await w.addCredential({ identifier: 'web-app', username: 'app', content: 'S3cret-app-2', tags: 'linux', domain: 'corp.example', additional: 'old note' }),
    await w.addCredential({ identifier: 'web-db', username: 'db', content: 'S3cret-db-3', execution_settings: { use_own_credential_to_connect: true } }),
  ];
}

describe('bulk actions with four-eyes approval over IPC', () => {
  it('refuses the requester approving their own request, even after becoming an approver', async () => {
    const w = await world();
    const ids = await threeCredentials(w);
    const request = await w.call('olga', 'bulk.request', { action: 'disable', credentialIds: ids });
    expect(request).toMatchObject({ code: 'BULK-000001', state: 'Pending approval', requestedBy: 'olga' });
    // An operator cannot approve at all: the router refuses the permission.
    expect(await w.invoke('olga', 'bulk.approve', { ref: request.code, justification: 'mine' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Promoted to approver later, she still may not approve what she asked for: the service refuses.
    await w.core.sessions.vault().database.db.updateTable('users').set({ role: 'approver' }).where('username', '=', 'olga').execute();
    await w.signInAgain('olga');
    const own = await w.invoke('olga', 'bulk.approve', { ref: request.id, justification: 'looks fine to me' });
    expect(own).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/You cannot approve your own request: BULK-000001/) } });
    expect(await w.invoke('olga', 'bulk.reject', { ref: request.id, justification: 'changed my mind' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/cancel it instead/) } });
    expect((await w.call('ana', 'bulk.get', { ref: request.id })).state).toBe('Pending approval');
    for (const id of ids) expect((await w.credential('admin', id)).status).toBe('active');
    // Another approver can, with a justification.
    expect(await w.invoke('ana', 'bulk.approve', { ref: request.id, justification: '  ' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await w.call('ana', 'bulk.approve', { ref: request.id, justification: 'decommissioning web tier' })).toMatchObject({ state: 'Success' });
    for (const id of ids) expect((await w.credential('admin', id)).status).toBe('inactive');
  });

  it('applies an approved edit exactly as reviewed: only the fields in From/To change', async () => {
    const w = await world();
    const ids = await threeCredentials(w);
    const parent = await w.addCredential({ identifier: 'parent', username: 'parent', content: 'S3cret-parent' });
    const changes = {
      credential_type: 'Service Account',
      domain: 'corp.example',
      device: { hostname: 'srv02', ip: '10.0.0.2' },
      additional: 'rotated by platform team',
      tags: { mode: 'add' as const, tags: ['pci', 'linux'] },
      parent_credential_id: parent,
      execution_settings: { ...AUTO_CHANGE, status: false },
    };
    const preview = await w.call('olga', 'bulk.preview', { action: 'edit', credentialIds: ids, changes });
    expect(preview.blastRadius).toMatchObject({ credentials: 3, eligible: 3, ineligible: 0, unchanged: 0 });
    expect(preview.blastRadius.perField).toMatchObject({ credential_type: 3, domain: 2, device: 3, additional: 3, tags: 3, parent_credential_id: 3, 'execution_settings.automatic_change': 3 });
    const app = preview.items.find((i) => i.identifier === 'web-app');
    // web-app already had the domain: nothing to change there, so it is not in its From/To.
    expect(app?.changes.map((c) => c.field)).not.toContain('domain');
    expect(app?.changes.find((c) => c.field === 'tags')).toEqual({ field: 'tags', from: ['linux'], to: ['linux', 'pci'] });

    const before = await Promise.all(ids.map((id) => w.credential('admin', id)));
    const request = await w.call('olga', 'bulk.request', { action: 'edit', credentialIds: ids, changes });
    // The stored tasks are what the review showed.
    expect(request.tasks.map((t) => t.changes)).toEqual(preview.items.map((i) => i.changes));
    // Nothing is written before approval.
    for (const [i, id] of ids.entries()) expect(comparable(await w.credential('admin', id))).toEqual(comparable(at(before, i)));

    expect(await w.call('ana', 'bulk.approve', { ref: request.code, justification: 'platform move, ticket CHG-1042' })).toMatchObject({ state: 'Success', message: 'Applied to 3 credential(s).' });
    for (const [i, id] of ids.entries()) {
      const after = await w.credential('admin', id);
      const item = at(preview.items, i);
      const expected = new Set(item.changes.flatMap((c) => viewKeysOf(c.field)));
      expect(new Set(changedKeys(at(before, i), after))).toEqual(expected);
      expect(after.version).toBe(at(before, i).version + 1);
      for (const change of item.changes) {
        if (change.field.startsWith('execution_settings.')) expect(after.execution_settings?.[change.field.slice('execution_settings.'.length) as 'status']).toEqual(change.to);
        else if (change.field === 'device') expect({ hostname: after.hostname, ip: after.ip }).toEqual(change.to);
        else expect(after[change.field as 'domain']).toEqual(change.to);
      }
    }
    // Settings keys not in the request are kept, as the upsert's merge does.
    expect((await w.credential('admin', 'web-db')).execution_settings).toMatchObject({ use_own_credential_to_connect: true, automatic_change: true });
    // The secrets were not touched: a bulk edit never carries one.
    expect(await w.call('admin', 'credential.reveal', { id: at(ids, 0), purpose: 'view' })).toMatchObject({ secret: 'S3cret-root-1' });

    const shown = await w.call('audrey', 'bulk.get', { ref: request.id });
    expect(shown).toMatchObject({ state: 'Success', approvals: 1, rejections: 0, decisions: [{ approver: 'ana', decision: 'approve', justification: 'platform move, ticket CHG-1042' }] });
    expect(shown.tasks.every((t) => t.status === 'success')).toBe(true);
    const trail = await w.call('admin', 'audit.list', {});
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['bulk.request', 'bulk.approve', 'bulk.apply']));
    expect(JSON.stringify(trail)).not.toMatch(/S3cret/);
  });

  it('adds tags to the existing ones, or replaces them all', async () => {
    const w = await world();
    const ids = await threeCredentials(w);
    const add = await w.call('olga', 'bulk.request', { action: 'edit', credentialIds: ids, changes: { tags: { mode: 'add', tags: ['pci', 'prod'] } } });
    await w.call('ana', 'bulk.approve', { ref: add.id, justification: 'PCI scope' });
    expect(await Promise.all(ids.map(async (id) => (await w.credential('admin', id)).tags))).toEqual([
      ['linux', 'prod', 'pci'],
      ['linux', 'pci', 'prod'],
      ['pci', 'prod'],
    ]);
    const replace = await w.call('olga', 'bulk.request', { action: 'edit', credentialIds: ids, changes: { tags: { mode: 'replace', tags: ['retired'] } } });
    await w.call('ana', 'bulk.approve', { ref: replace.id, justification: 'retiring' });
    for (const id of ids) expect((await w.credential('admin', id)).tags).toEqual(['retired']);
    // The grid's tag filter reads credential_tags: it moved too.
    const page = await w.call('admin', 'credential.query', { filters: { tags: ['retired'] } } as never);
    expect(page.total).toBe(3);
    // Only the tags that went were taken out of credential_tags, and every one of them.
    const rows = await w.core.sessions.vault().database.db.selectFrom('credential_tags').select(['credential_id', 'tag']).where('credential_id', 'in', ids).orderBy('credential_id').execute();
    expect(rows).toEqual(ids.map((id) => ({ credential_id: id, tag: 'retired' })));
  });

  it('is all-or-nothing: a credential deleted after the request fails the approval and writes nothing', async () => {
    const w = await world();
    const ids = await threeCredentials(w);
    const request = await w.call('olga', 'bulk.request', { action: 'edit', credentialIds: ids, changes: { credential_type: 'Service Account', additional: 'x' } });
    await w.core.sessions.vault().database.db.deleteFrom('credentials').where('id', '=', at(ids, 2)).execute();
    const before = await Promise.all(ids.slice(0, 2).map((id) => w.credential('admin', id)));
    const outcome = await w.call('ana', 'bulk.approve', { ref: request.id, justification: 'go' });
    expect(outcome).toMatchObject({ state: 'Error', message: expect.stringMatching(/web-db \(id \d+\) was deleted after the request; nothing was applied/) });
    for (const [i, id] of ids.slice(0, 2).entries()) expect(await w.credential('admin', id)).toEqual(before[i]);
    const shown = await w.call('ana', 'bulk.get', { ref: request.id });
    expect(shown).toMatchObject({ state: 'Error', approvals: 1 });
    expect(shown.tasks.map((t) => t.status)).toEqual(['skipped', 'skipped', 'error']);
    // A decided request cannot be approved again.
    expect(await w.invoke('ana', 'bulk.approve', { ref: request.id, justification: 'again' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('is all-or-nothing: a write failing after others succeeded rolls all of them back', async () => {
    const w = await world();
    const ids = await threeCredentials(w);
    // Add mode gives each credential different tags, so they are written by separate statements;
    // the vault then refuses the last one, after the first two were written in the transaction.
    const request = await w.call('olga', 'bulk.request', { action: 'edit', credentialIds: ids, changes: { tags: { mode: 'add', tags: ['pci'] } } });
    const db = w.core.sessions.vault().database.db;
    await sql`CREATE TEMP TRIGGER refuse_last BEFORE UPDATE ON credentials WHEN OLD.id = ${sql.lit(at(ids, 2))} BEGIN SELECT RAISE(ABORT, 'disk full'); END`.execute(db);
    const before = await Promise.all(ids.map((id) => w.credential('admin', id)));
    const outcome = await w.call('ana', 'bulk.approve', { ref: request.id, justification: 'go' });
    expect(outcome).toMatchObject({ state: 'Error', message: expect.stringMatching(/disk full.*nothing was applied/) });
    for (const [i, id] of ids.entries()) expect(await w.credential('admin', id)).toEqual(before[i]);
    const tagRows = await db.selectFrom('credential_tags').select('tag').where('tag', '=', 'pci').execute();
    expect(tagRows).toEqual([]);
    expect((await w.call('ana', 'bulk.get', { ref: request.id })).tasks.every((t) => t.status === 'skipped')).toBe(true);
  });

  it('refuses to apply over a later edit: the From the approver saw must still hold', async () => {
    const w = await world();
    const ids = await threeCredentials(w);
    const request = await w.call('olga', 'bulk.request', { action: 'edit', credentialIds: ids, changes: { additional: 'reviewed' } });
    await w.call('admin', 'credential.upsert', { identifier: 'web-app', username: 'app', hostname: 'srv01', ip: '10.0.0.1', additional: 'edited meanwhile' });
    const outcome = await w.call('ana', 'bulk.approve', { ref: request.id, justification: 'go' });
    expect(outcome).toMatchObject({ state: 'Error', message: expect.stringMatching(/web-app: additional changed after the request \(was "old note", now "edited meanwhile"\)/) });
    expect((await w.credential('admin', 'web-root')).additional).toBeNull();
    expect((await w.credential('admin', 'web-app')).additional).toBe('edited meanwhile');
  });

  it('applies the upsert\'s plugin rules: automatic change without a plugin is left out, saying why', async () => {
    const w = await world();
    const ids = await threeCredentials(w);
    const preview = await w.call('olga', 'bulk.preview', { action: 'edit', credentialIds: ids, changes: { execution_settings: { automatic_change: true } } });
    expect(preview.items.map((i) => i.reason)).toEqual(ids.map(() => expect.stringMatching(/execution_settings.change_plugin is required when that action is enabled \(error 1046\)/)));
    expect(await w.invoke('olga', 'bulk.request', { action: 'edit', credentialIds: ids, changes: {} })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/at least one field/) } });
    expect(await w.invoke('olga', 'bulk.request', { action: 'edit', credentialIds: ids, changes: { device: { hostname: 'gone', ip: '10.9.9.9' } } })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/No device has hostname "gone"/) } });
  });

  it('refuses to expire an inactive credential, saying which and why', async () => {
    const w = await world();
    const ids = await threeCredentials(w);
    const off = await w.addCredential({ identifier: 'old-svc', username: 'old', status: 'inactive' });
    const preview = await w.call('olga', 'bulk.preview', { action: 'expire', credentialIds: [...ids, off] });
    expect(preview.items.find((i) => i.id === off)).toMatchObject({ eligible: false, reason: expect.stringMatching(/old-svc is inactive: only active credentials can be expired/) });
    expect(preview.blastRadius).toMatchObject({ eligible: 3, ineligible: 1 });
    const refused = await w.invoke('olga', 'bulk.request', { action: 'expire', credentialIds: [...ids, off] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/1 of the 4 selected credentials cannot be part of this expire: old-svc is inactive/), details: { ineligible: [{ id: off }] } } });
    expect((await w.call('audrey', 'bulk.list', {})).total).toBe(0);
    // Enable lists only inactive ones.
    expect((await w.call('olga', 'bulk.preview', { action: 'enable', credentialIds: [at(ids, 0), off] })).items.map((i) => i.eligible)).toEqual([false, true]);
  });

  it('expires an undecided request after the approval period, and refuses deciding it then', async () => {
    const w = await world();
    const ids = await threeCredentials(w);
    const start = new Date('2026-03-02T09:00:00Z');
    w.setClock(start);
    const events: string[] = [];
    w.core.events.subscribe((name, payload) => {
      if (name === 'bulk.changed') events.push(`${(payload as { code: string }).code}:${(payload as { state: string }).state}`);
    });
    const request = await w.call('olga', 'bulk.request', { action: 'disable', credentialIds: ids });
    expect(request.expiresAt).toBe('2026-03-05T09:00:00.000Z');
    expect(await w.call('ana', 'bulk.pendingCount', {})).toEqual({ awaitingDecision: 1, mine: 0 });
    w.setClock(new Date('2026-03-05T08:59:59Z'));
    expect((await w.call('ana', 'bulk.get', { ref: request.id })).state).toBe('Pending approval');
    w.setClock(new Date('2026-03-05T09:00:00Z'));
    expect(await w.invoke('ana', 'bulk.approve', { ref: request.id, justification: 'late' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/expired at 2026-03-05T09:00:00.000Z without a decision/) } });
    const shown = await w.call('olga', 'bulk.get', { ref: request.id });
    expect(shown).toMatchObject({ state: 'Expired', approvals: 0 });
    expect(shown.tasks.every((t) => t.status === 'skipped')).toBe(true);
    expect(await w.call('ana', 'bulk.pendingCount', {})).toEqual({ awaitingDecision: 0, mine: 0 });
    for (const id of ids) expect((await w.credential('admin', id)).status).toBe('active');
    expect(events).toEqual(['BULK-000001:Pending approval', 'BULK-000001:Expired']);
  });

  it('records a rejection with its justification and applies nothing', async () => {
    const w = await world();
    const ids = await threeCredentials(w);
    const before = await Promise.all(ids.map((id) => w.credential('admin', id)));
    const request = await w.call('olga', 'bulk.request', { action: 'edit', credentialIds: ids, changes: { domain: null } });
    expect(await w.call('ana', 'bulk.reject', { ref: request.id, justification: 'domain still in use by payroll' })).toMatchObject({ state: 'Rejected' });
    const shown = await w.call('olga', 'bulk.get', { ref: request.id });
    expect(shown).toMatchObject({ state: 'Rejected', approvals: 0, rejections: 1, decisions: [{ approver: 'ana', decision: 'reject', justification: 'domain still in use by payroll' }] });
    expect(shown.tasks.map((t) => [t.status, t.message])).toEqual(ids.map(() => ['skipped', 'Not applied: the request was rejected.']));
    for (const [i, id] of ids.entries()) expect(await w.credential('admin', id)).toEqual(before[i]);
    const trail = await w.call('admin', 'audit.list', {});
    expect(trail.find((e) => e.action === 'bulk.reject')).toMatchObject({ actor: 'ana', objectId: 'BULK-000001', details: { justification: 'domain still in use by payroll' } });
  });

  it('expires credentials at the time of the request (seed 001), not of the approval, and schedules a change for those with automatic change', async () => {
    const w = await world();
    const requestedAt = new Date('2026-03-30T08:15:00.000Z');
    w.setClock(requestedAt);
    const auto = await w.addCredential({ identifier: 'auto-1', username: 'auto1', content: 'pw-auto-1', execution_settings: AUTO_CHANGE });
    // An SSH-key credential rotates its key: its change template is a key rotation one (error 9104 otherwise).
    const key = await w.addCredential({ identifier: 'auto-key', username: 'deploy', kind: 'ssh_key', execution_settings: { ...AUTO_CHANGE, change_template: 'Linux - SSH key rotation - add' } });
    const manual = await w.addCredential({ identifier: 'manual-1', username: 'manual1', content: 'pw-manual-1' });
    const preview = await w.call('olga', 'bulk.preview', { action: 'expire', credentialIds: [manual] });
    expect(JSON.stringify(preview)).toContain('at the time of the request');
    const request = await w.call('olga', 'bulk.request', { action: 'expire', credentialIds: [auto, key, manual] });
    const stamp = requestedAt.toISOString();
    expect(request.tasks.map((t) => t.changes)).toEqual([
      [{ field: 'expires_at', from: null, to: stamp }, { field: 'rotation', from: null, to: 'change_password' }],
      [{ field: 'expires_at', from: null, to: stamp }, { field: 'rotation', from: null, to: 'ssh_key_rotation' }],
      [{ field: 'expires_at', from: null, to: stamp }],
    ]);
    const approvedAt = new Date('2026-04-01T12:00:00Z');
    w.setClock(approvedAt);
    const outcome = await w.call('ana', 'bulk.approve', { ref: request.id, justification: 'suspected leak' });
    expect(outcome).toMatchObject({ state: 'Success', operations: ['OP-000001', 'OP-000002'] });
    for (const id of [auto, key, manual]) expect((await w.credential('admin', id)).expires_at).toBe(stamp);
    const ops = await w.call('admin', 'operation.list', { limit: 10 });
    expect(ops.rows.map((o) => ({ code: o.code, type: o.type, state: o.state, trigger: o.trigger, credentialId: o.credentialId, requester: o.requester })).sort((a, b) => a.code.localeCompare(b.code))).toEqual([
      { code: 'OP-000001', type: 'change_password', state: 'Scheduled', trigger: 'bulk_expire', credentialId: auto, requester: 'olga' },
      { code: 'OP-000002', type: 'ssh_key_rotation', state: 'Scheduled', trigger: 'bulk_expire', credentialId: key, requester: 'olga' },
    ]);
    const shown = await w.call('audrey', 'bulk.get', { ref: request.id });
    expect(shown.tasks.map((t) => [t.status, t.message, t.changes[0]?.to])).toEqual([
      ['success', 'Expired; change OP-000001 scheduled.', stamp],
      ['success', 'Expired; change OP-000002 scheduled.', stamp],
      ['success', null, stamp],
    ]);
  });

  it('shows requests to their requester, approvers and auditors only; the requester may cancel', async () => {
    const w = await world();
    const ids = await threeCredentials(w);
    const olgas = await w.call('olga', 'bulk.request', { action: 'disable', credentialIds: [at(ids, 0)] });
    const ottos = await w.call('otto', 'bulk.request', { action: 'disable', credentialIds: [at(ids, 1)] });
    expect((await w.call('olga', 'bulk.list', {})).rows.map((r) => r.code)).toEqual([olgas.code]);
    expect((await w.call('ana', 'bulk.list', {})).rows.map((r) => r.code)).toEqual([ottos.code, olgas.code]);
    expect((await w.call('audrey', 'bulk.list', {})).total).toBe(2);
    expect(await w.invoke('olga', 'bulk.get', { ref: ottos.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await w.invoke('otto', 'bulk.cancel', { ref: olgas.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/Only olga, who requested BULK-000001, can cancel it/) } });
    expect(await w.invoke('audrey', 'bulk.request', { action: 'disable', credentialIds: ids })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.call('olga', 'bulk.cancel', { ref: olgas.code })).toMatchObject({ state: 'Canceled' });
    expect(await w.invoke('ana', 'bulk.approve', { ref: olgas.id, justification: 'too late' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/is Canceled/) } });
    expect(await w.call('ana', 'bulk.list', { states: ['Pending approval'] })).toMatchObject({ total: 1, rows: [{ code: ottos.code }] });
  });
});
