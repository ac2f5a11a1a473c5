import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useBulkWorld, type BulkWorld } from '../bulk/bulk-fixture';

const world = useBulkWorld();

/** The trail refuses entries of one action, as a full disk or a broken signer would refuse them all. */
async function refuseAuditOf(w: BulkWorld, action: string): Promise<void> {
  const db = w.core.sessions.vault().database.db;
  await sql`CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW.action = ${sql.lit(action)} BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be written'); END`.execute(db);
}

async function auditCount(w: BulkWorld, action: string): Promise<number> {
  const db = w.core.sessions.vault().database.db;
  return (await db.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;
}

const DEFINITION = {
  strength: { lowercase: 4, uppercase: 4, digits: 4, symbols: 0, allowed_symbols: '', allow_repeated_characters: true },
  expiration: null,
  view_expiration_hours: null,
  change_window: { days: ['mon' as const], hours: [1] },
};

/** Refused because the trail could not be written, not for anything in the request. */
async function refusedForAudit(result: ReturnType<BulkWorld['invoke']>): Promise<void> {
  const outcome = await result;
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) expect(outcome.error.code).toBe('INTERNAL');
}

/**
 * Each handler's change commits with its audit entry or not at all: when the entry cannot be
 * written, the change is not there either (it used to be written first and audited after).
 */
describe('a change and its audit entry are one transaction', () => {
  it('device.upsert and domain.add leave nothing when their entry cannot be written', async () => {
    const w = await world();
    await refuseAuditOf(w, 'device.create');
    await refusedForAudit(w.invoke('admin', 'device.upsert', { hostname: 'srv09', ip: '10.0.0.9' }));
    expect((await w.call('admin', 'device.list', {})).map((d) => d.hostname)).not.toContain('srv09');
    const db = w.core.sessions.vault().database.db;
    await sql`DROP TRIGGER refuse_audit`.execute(db);
    await refuseAuditOf(w, 'domain.create');
    await refusedForAudit(w.invoke('admin', 'domain.add', { name: 'lost.example' }));
    expect((await w.call('admin', 'domain.list', {})).map((d) => d.name)).not.toContain('lost.example');
    await sql`DROP TRIGGER refuse_audit`.execute(db);
    // With the trail writable again both go through, each with its entry.
    await w.call('admin', 'device.upsert', { hostname: 'srv09', ip: '10.0.0.9' });
    await w.call('admin', 'domain.add', { name: 'lost.example' });
    expect(await auditCount(w, 'device.create')).toBe(3);
    expect(await auditCount(w, 'domain.create')).toBe(2);
  });

  it('policy.save and policy.assign leave nothing when their entry cannot be written', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'srv01-root', username: 'root', content: 'x' });
    await refuseAuditOf(w, 'policy.create');
    const input = { name: 'Unaudited', definition: DEFINITION, criteria: { device_types: [], tags: [] } };
    await refusedForAudit(w.invoke('admin', 'policy.save', { input }));
    expect((await w.call('admin', 'policy.list', {})).map((p) => p.name)).not.toContain('Unaudited');
    const db = w.core.sessions.vault().database.db;
    await sql`DROP TRIGGER refuse_audit`.execute(db);
    const policy = await w.call('admin', 'policy.save', { input });
    await refuseAuditOf(w, 'policy.assign');
    await refusedForAudit(w.invoke('admin', 'policy.assign', { credentialIds: [id], policyId: policy.id }));
    // Not assigned: at most matched by its (empty) criteria, never explicitly.
    expect((await w.call('admin', 'policy.forCredential', { credentialId: id })).reason).not.toBe('explicit');
    await sql`DROP TRIGGER refuse_audit`.execute(db);
    await w.call('admin', 'policy.assign', { credentialIds: [id], policyId: policy.id });
    expect((await w.call('admin', 'policy.forCredential', { credentialId: id })).reason).toBe('explicit');
  });

  it('operation requests, cancel and run-now leave the queue as it was when their entry cannot be written', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'srv01-root', username: 'root', content: 'x' });
    const db = w.core.sessions.vault().database.db;
    const operations = async () => (await db.selectFrom('operations').select(['code', 'state', 'priority']).orderBy('id').execute()).map((o) => ({ ...o }));
    await refuseAuditOf(w, 'operation.request_verify');
    await refusedForAudit(w.invoke('admin', 'operation.requestVerify', { credentialIds: [id] }));
    expect(await operations()).toEqual([]);
    await sql`DROP TRIGGER refuse_audit`.execute(db);

    const { scheduled } = await w.call('admin', 'operation.requestVerify', { credentialIds: [id] });
    const code = String(scheduled[0]?.code);
    const before = await operations();
    for (const [action, channel] of [
      ['operation.run_now', 'operation.now'],
      ['operation.cancel', 'operation.cancel'],
    ] as const) {
      await refuseAuditOf(w, action);
      await refusedForAudit(w.invoke('admin', channel, { code }));
      expect(await operations()).toEqual(before);
      await sql`DROP TRIGGER refuse_audit`.execute(db);
    }
    await w.call('admin', 'operation.cancel', { code });
    expect((await operations())[0]?.state).toBe('Canceled');
    expect(await auditCount(w, 'operation.cancel')).toBe(1);
  });
});
