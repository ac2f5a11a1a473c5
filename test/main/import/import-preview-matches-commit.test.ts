import { describe, expect, it } from 'vitest';
import { applyImportRows } from '../../../main/import/apply-import';
import type { MappedRow } from '../../../main/import/import-row';
import { useBulkWorld } from '../bulk/bulk-fixture';

const world = useBulkWorld();

const HEADER = 'identifier,username,hostname,ip,content,tags,device_type,connectivities\r\n';

describe('the preview judges each row against the rows before it, as the commit does', () => {
  it('a second row for an account the file has just created is an update in the preview and in the commit', async () => {
    const w = await world();
    // Row 1 takes the fast path (queued, not yet written); row 2 names the same account, so it goes
    // the per-row way and must see row 1's credential: the preview used to skip writing the queue
    // when nothing listened, and called row 2 a second create.
    const csvText = `${HEADER},dup,twice.example,10.9.9.9,pw-1,,Linux,SSH:22\r\n,dup,twice.example,10.9.9.9,pw-2,,,\r\n`;
    const preview = await w.call('admin', 'import.preview', { format: 'pamdesk', csvText });
    expect(preview.summary).toMatchObject({ rows: 2, create: 1, update: 1, errors: 0, devicesCreated: 1 });
    expect(preview.rows.map((r) => r.action)).toEqual(['create', 'update']);
    const summary = await w.call('admin', 'import.commit', { token: String(preview.token) });
    expect(summary).toMatchObject({ create: 1, update: 1, devicesCreated: 1 });
    const found = await w.call('admin', 'credential.query', { search: 'twice.example' });
    expect(found.total).toBe(1);
    expect((await w.call('admin', 'credential.reveal', { id: Number(found.rows[0]?.id), field: 'content', purpose: 'view' })).secret).toBe('pw-2');
  });

  it('writes the queued creates even when no one listens for them (a seed in its own transaction)', async () => {
    const w = await world();
    const vault = w.core.sessions.vault();
    const db = vault.database.db;
    const rows: MappedRow[] = Array.from({ length: 25 }, (_, i) => {
      const body = { username: `seed${i}`, hostname: `seed-${Math.floor(i / 5)}.example`, ip: `10.8.0.${Math.floor(i / 5)}`, content: `s-${i}` };
      return { kind: 'upsert', row: i + 1, line: i + 2, body, hostname: body.hostname, ip: body.ip };
    });
    const before = Number((await db.selectFrom('credentials').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const run = await db.transaction().execute((trx) => applyImportRows(trx, vault.fields, rows, () => new Date(), 'admin'));
    expect(run.summary).toMatchObject({ create: 25, devicesCreated: 5, errors: 0 });
    const after = Number((await db.selectFrom('credentials').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(after - before).toBe(25);
  });
});
