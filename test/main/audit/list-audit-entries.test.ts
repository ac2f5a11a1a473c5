import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendAuditEntries } from '../../../main/audit/append-audit';
import { actionPrefixOf } from '../../../main/audit/audit-query';
import { actionsWithPrefix, auditListQuery, listAuditEntries } from '../../../main/audit/list-audit-entries';
import type { VaultDatabaseHandle } from '../../../main/vault/database/open-vault-database';
import type { VaultDatabase } from '../../../main/vault/database/vault-schema';
import type { AuditFilter } from '../../../shared/contract/audit';
import { useScratchVaultDatabase } from '../../support/scratch-vault-database';

const scratch = useScratchVaultDatabase();
const START = Date.parse('2025-01-01T00:00:00.000Z');

/** 120 entries an hour apart: actors and actions interleaved, so every filter's page spans arms. */
async function trail(db: Kysely<VaultDatabase>): Promise<void> {
  const actions = ['credential.reveal', 'credential.copy', 'session.unlock', 'credential.update', 'bulk.approve'];
  let clock = START;
  await appendAuditEntries(
    db,
    Array.from({ length: 120 }, (_, i) => ({ actor: ['olga', 'Admin', 'system'][i % 3] ?? 'system', shell: 'desktop' as const, action: actions[i % 5] ?? 'x', objectType: 'credential', objectId: String(i % 7) })),
    { now: () => new Date((clock += 3_600_000)) },
  );
}

async function ids(db: Kysely<VaultDatabase>, filter: AuditFilter, limit = 1000, beforeId?: number): Promise<number[]> {
  return (await listAuditEntries(db, filter, { limit, beforeId })).map((e) => e.id);
}

/** What each filter means, computed the slow way over every row. */
async function expected(db: Kysely<VaultDatabase>, keep: (row: { id: number; actor: string; action: string; at: string }) => boolean): Promise<number[]> {
  const rows = await db.selectFrom('audit_log').select(['id', 'actor', 'action', 'at']).orderBy('id', 'desc').execute();
  return rows.filter(keep).map((r) => r.id);
}

function plan(handle: VaultDatabaseHandle, filter: AuditFilter, actions?: readonly string[]): string[] {
  const compiled = auditListQuery(handle.db, filter, { limit: 200 }, actions).compile();
  return (handle.driver.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[]).map((step) => step.detail);
}

describe('the audit list', () => {
  it('matches an action prefix action by action, merged newest first, case-folded and literal, and pages through the merge', async () => {
    const { db } = await scratch();
    await trail(db);
    const credential = await expected(db, (r) => r.action.startsWith('credential.'));
    expect(await ids(db, { action: 'credential.' })).toEqual(credential);
    expect(await ids(db, { action: 'CREDENTIAL.' })).toEqual(credential);
    expect(await ids(db, { action: 'credential.copy' })).toEqual(await expected(db, (r) => r.action === 'credential.copy'));
    expect(await ids(db, { action: 'credential%' })).toEqual([]);
    expect(await ids(db, { action: 'nothing.' })).toEqual([]);
    // Pages of 7 across three actions' arms: together exactly the whole result, in order.
    const paged: number[] = [];
    for (let page = await ids(db, { action: 'credential.' }, 7); page.length > 0; page = await ids(db, { action: 'credential.' }, 7, paged.at(-1))) paged.push(...page);
    expect(paged).toEqual(credential);
    // With an actor (case-insensitive) and a date range on top.
    const from = new Date(START + 30 * 3_600_000).toISOString();
    const to = new Date(START + 90 * 3_600_000).toISOString();
    expect(await ids(db, { action: 'credential.', actor: 'admin', from, to })).toEqual(await expected(db, (r) => r.action.startsWith('credential.') && r.actor === 'Admin' && r.at >= from && r.at <= to));
  });

  it('finds the actions a prefix matches one seek each, and gives up past 32 (then one range)', async () => {
    const { db } = await scratch();
    await trail(db);
    expect(await actionsWithPrefix(db, actionPrefixOf('Credential.'))).toEqual(['credential.copy', 'credential.reveal', 'credential.update']);
    await appendAuditEntries(db, Array.from({ length: 40 }, (_, i) => ({ actor: 'olga', shell: 'desktop' as const, action: `wide.a${String(i).padStart(2, '0')}` })));
    expect(await actionsWithPrefix(db, 'wide.')).toBeUndefined();
    expect(await ids(db, { action: 'wide.' })).toEqual(await expected(db, (r) => r.action.startsWith('wide.')));
  });

  it('finds every filtered page through an index, never by scanning the trail', async () => {
    const handle = await scratch();
    await trail(handle.db);
    const filters: (readonly [AuditFilter, readonly string[] | undefined])[] = [
      [{ actor: 'olga' }, undefined],
      [{ action: 'bulk.' }, ['bulk.approve']],
      [{ action: 'credential.' }, ['credential.copy', 'credential.reveal']],
      [{ actor: 'olga', action: 'credential.' }, ['credential.copy', 'credential.reveal']],
      [{ objectType: 'credential', objectId: '3' }, undefined],
      [{ from: '2025-01-02', to: '2025-01-02' }, undefined],
      [{ actor: 'olga', from: '2025-01-02', to: '2025-01-03' }, undefined],
      [{ action: 'session.', from: '2025-01-02', to: '2025-01-03' }, ['session.unlock']],
      [{ action: 'wide.' }, undefined],
    ];
    for (const [filter, actions] of filters) {
      const steps = plan(handle, filter, actions);
      expect(steps.filter((step) => /\baudit_log\b/.test(step)), JSON.stringify({ filter, steps })).not.toContainEqual(expect.stringMatching(/^SCAN audit_log/));
    }
    // The page of ids is the outer loop: each entry is then read by its id.
    expect(plan(handle, {})).toContainEqual(expect.stringMatching(/SEARCH e USING INTEGER PRIMARY KEY/));
  });
});
