import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../main/csv/csv-parse';
import type { ImportProgress } from '../../../shared/contract/transfer-channels';
import { useBulkWorld, type BulkWorld } from '../bulk/bulk-fixture';

const world = useBulkWorld();

/** Rows on a tenth as many new devices (the import's fast path), each with its own secret. */
const ROWS = 6_000;
const HEADER = 'identifier,username,hostname,ip,content,tags,device_type,connectivities\r\n';
const row = (i: number) => `,user${i},bulk-${Math.floor(i / 10)}.example,10.9.${Math.floor(i / 2560) % 256}.${Math.floor(i / 10) % 256},pw-${i},"bulk,t${i % 7}",Linux,SSH:22\r\n`;
const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => row(from + k)).join('');

async function counts(w: BulkWorld) {
  const db = w.core.sessions.vault().database.db;
  const count = async (table: 'credentials' | 'devices' | 'credential_tags' | 'credential_secret_history' | 'audit_log') => Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    credentials: await count('credentials'),
    devices: await count('devices'),
    tags: await count('credential_tags'),
    history: await count('credential_secret_history'),
    audit: (await db.selectFrom('audit_log').select('action').execute()).map((r) => r.action).filter((a) => !a.startsWith('import.')),
    fts: Number((await db.selectFrom('credentials_fts' as never).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  };
}

function progressOf(w: BulkWorld): { readonly id: string; readonly events: ImportProgress[] } {
  const id = randomUUID();
  const events: ImportProgress[] = [];
  w.core.events.subscribe((name, payload) => {
    if (name === 'import.progress' && (payload as ImportProgress).progressId === id) events.push(payload as ImportProgress);
  });
  return { id, events };
}

describe('large imports', () => {
  it(`commits ${ROWS.toLocaleString('en')} rows in one transaction with one signed entry per device and credential, reporting progress`, async () => {
    const w = await world();
    const csvText = HEADER + rows(0, ROWS);
    const checking = progressOf(w);
    const preview = await w.call('admin', 'import.preview', { format: 'pamdesk', csvText, progressId: checking.id });
    expect(preview.summary).toEqual({ rows: ROWS, create: ROWS, update: 0, skip: 0, errors: 0, devicesCreated: ROWS / 10 });
    expect(preview.rows[10]).toMatchObject({ row: 11, line: 12, action: 'create', device: 'create', identifier: null, label: 'user10@bulk-1.example (10.9.0.1)' });
    expect(preview.rows[11]).toMatchObject({ action: 'create', device: 'existing' });
    // Progress: the file read, then rows checked, in order, ending at the whole.
    const steps = checking.events.map((e) => e.step);
    expect(steps.indexOf('check')).toBeGreaterThan(steps.lastIndexOf('read'));
    expect(checking.events.at(-1)).toMatchObject({ step: 'check', done: ROWS, total: ROWS });
    expect(checking.events.filter((e) => e.step === 'check').length).toBeGreaterThan(2);
    const done = checking.events.filter((e) => e.step === 'check').map((e) => e.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));

    const writing = progressOf(w);
    const summary = await w.call('admin', 'import.commit', { token: String(preview.token), progressId: writing.id });
    expect(summary).toMatchObject({ create: ROWS, devicesCreated: ROWS / 10 });
    expect(writing.events.at(-1)).toMatchObject({ step: 'write', done: ROWS, total: ROWS });

    const after = await counts(w);
    expect(after).toMatchObject({ credentials: ROWS, devices: 2 + ROWS / 10, tags: 2 * ROWS, history: 0, fts: ROWS });
    expect(after.audit.filter((a) => a === 'credential.create')).toHaveLength(ROWS);
    // The two devices the world starts with, then the import's.
    expect(after.audit.filter((a) => a === 'device.create')).toHaveLength(2 + ROWS / 10);
    expect(await w.call('audrey', 'audit.verify', {})).toMatchObject({ ok: true });

    // What the fast path wrote reads back as the upsert would have written it.
    const last = await w.call('admin', 'credential.query', { search: `user${ROWS - 1}` });
    expect(last.total).toBe(1);
    const id = Number(last.rows[0]?.id);
    expect(await w.credential('admin', id)).toMatchObject({ username: `user${ROWS - 1}`, hostname: `bulk-${(ROWS - 1 - 9) / 10}.example`, tags: ['bulk', `t${(ROWS - 1) % 7}`], status: 'active', in_sync: 'unknown', credential_type: 'Local User', kind: 'password', version: 1 });
    expect((await w.call('admin', 'credential.reveal', { id, field: 'content', purpose: 'view' })).secret).toBe(`pw-${ROWS - 1}`);
    const device = (await w.call('admin', 'device.list', {})).find((d) => d.hostname === 'bulk-0.example');
    expect(device).toMatchObject({ type: 'Linux', connectivities: [{ protocol: 'SSH', port: 22 }] });
    const entry = (await w.call('audrey', 'audit.list', { action: 'credential.create', objectType: 'credential', objectId: String(id) }))[0];
    expect(entry?.details).toMatchObject({ before: null, after: { id, username: `user${ROWS - 1}` }, via: 'import' });
    expect(JSON.stringify(entry)).not.toContain(`pw-${ROWS - 1}`);
  }, 240_000);

  it('leaves nothing when the row that fails is near the end of a large file (all or nothing)', async () => {
    const w = await world();
    await w.addCredential({ identifier: 'app-cred', username: 'app', content: 'old-secret' });
    // Row ROWS-1 renames app-cred: an update, judged row by row after the creates before it.
    const csvText = HEADER + rows(0, ROWS - 2) + 'app-cred,renamed,srv01,10.0.0.1,,,,\r\n' + row(ROWS);
    const preview = await w.call('admin', 'import.preview', { format: 'pamdesk', csvText });
    expect(preview.summary).toMatchObject({ create: ROWS - 1, update: 1, errors: 0 });
    // Meanwhile someone takes the username that row renames to: it now clashes (9003).
    await w.addCredential({ identifier: 'taken', username: 'renamed', content: 'x' });
    const before = await counts(w);
    const commit = await w.invoke('admin', 'import.commit', { token: String(preview.token) });
    expect(commit).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { errors: [{ row: ROWS - 1, problem: expect.stringMatching(/^9003/) }] } } });
    expect(await counts(w)).toEqual(before);
    expect(before.credentials).toBe(2);
    expect((await w.call('audrey', 'audit.list', { action: 'import.' })).map((e) => e.action)).toEqual(['import.failed', 'import.preview']);
    expect(await w.call('audrey', 'audit.verify', {})).toMatchObject({ ok: true });
  }, 240_000);

  it('takes hostile values as text: formulas, quotes, line breaks and markup stay data, and the export defuses them', async () => {
    const w = await world();
    const hostile = ['=cmd|\' /C calc\'!A0', '+SUM(1,2)', '-2+3', '@IMPORTXML("http://x")', '\tTAB', '<img src=x onerror=alert(1)>', 'quote " and, comma\r\nnew line'];
    const quoted = (value: string) => `"${value.replace(/"/g, '""')}"`;
    const file = (additional: (value: string) => string) => `username,hostname,ip,content,notes,additional\r\n${hostile.map((value, i) => `svc${i},srv02,10.0.0.2,${quoted(value)},${quoted(value)},${quoted(additional(value))}`).join('\r\n')}\r\n`;
    // A TAB or CR in a field a terminal could type is refused in the upsert's words, row by row.
    const refused = await w.call('admin', 'import.preview', { format: 'pamdesk', csvText: file((value) => `A${value}`) });
    expect(refused.token).toBeNull();
    expect(refused.errors.map((e) => [e.row, e.problem.match(/^9001: .*\(additional: .*(TAB|carriage return)/)?.[1]])).toEqual([
      [5, 'TAB'],
      [7, 'carriage return'],
    ]);
    const preview = await w.call('admin', 'import.preview', { format: 'pamdesk', csvText: file((value) => `A${value.replace(/[\t\r\n]/g, ' ')}`) });
    expect(preview.errors).toEqual([]);
    expect(preview.summary).toMatchObject({ create: hostile.length, errors: 0 });
    await w.call('admin', 'import.commit', { token: String(preview.token) });
    for (const [i, value] of hostile.entries()) {
      const found = await w.call('admin', 'credential.query', { search: `svc${i}` });
      const id = Number(found.rows[0]?.id);
      // Stored as the file held them: a secret exactly, other text trimmed.
      expect((await w.credential('admin', id)).notes).toBe(value.trim());
      expect((await w.call('admin', 'credential.reveal', { id, field: 'content', purpose: 'view' })).secret).toBe(value);
    }
    const exported = await w.call('admin', 'export.credentials', {});
    const parsed = parseCsv(exported.text);
    if (!parsed.ok) throw new Error(parsed.message);
    const [header, ...records] = parsed.records;
    const notes = header?.fields.indexOf('notes') ?? -1;
    for (const record of records) {
      const cell = record.fields[notes] ?? '';
      // No cell a spreadsheet would run: every one that starts like a formula starts with a quote.
      expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(records).toHaveLength(hostile.length);
    expect(exported.text).toContain(",'=cmd|' /C calc'!A0,");
  }, 120_000);
});
