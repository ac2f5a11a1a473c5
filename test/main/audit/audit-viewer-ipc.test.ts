import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../main/csv/csv-parse';
import { at, useBulkWorld } from '../bulk/bulk-fixture';

const world = useBulkWorld();

describe('audit viewer over IPC', () => {
  it('filters by actor, action prefix, object, date range, and pages backwards by id', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'web-root', username: 'root', content: 'S3cret-root-1' });
    await w.call('olga', 'credential.reveal', { id, purpose: 'view' });
    await w.call('olga', 'credential.reveal', { id, purpose: 'copy' });

    const olga = await w.call('audrey', 'audit.list', { actor: 'OLGA', action: 'credential.' });
    expect(olga.map((e) => e.action)).toEqual(['credential.copy', 'credential.reveal']);
    expect((await w.call('audrey', 'audit.list', { objectType: 'credential', objectId: String(id) })).map((e) => e.action)).toEqual(['credential.copy', 'credential.reveal', 'credential.create']);
    // Date filters: a day means the whole day (UTC); instants carry their offset.
    const [copy, reveal] = olga;
    if (!copy || !reveal) throw new Error('two reveals expected');
    const today = reveal.at.slice(0, 10);
    const yesterday = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
    expect((await w.call('audrey', 'audit.list', { from: today, objectType: 'credential' })).length).toBe(3);
    expect(await w.call('audrey', 'audit.list', { to: yesterday })).toEqual([]);
    expect((await w.call('audrey', 'audit.list', { from: reveal.at, to: copy.at, objectType: 'credential' })).map((e) => e.action)).toEqual(['credential.copy', 'credential.reveal']);
    // The same instant written with another offset selects the same entries.
    const shifted = new Date(Date.parse(reveal.at) + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    expect((await w.call('audrey', 'audit.list', { from: shifted, objectType: 'credential' })).length).toBe(2);
    // "%" and "_" in the action are literal, not wildcards.
    expect(await w.call('audrey', 'audit.list', { action: '%' })).toEqual([]);
    const page1 = await w.call('audrey', 'audit.list', { limit: 2 });
    const page2 = await w.call('audrey', 'audit.list', { limit: 2, beforeId: at(page1, 1).id });
    expect(at(page2, 0).id).toBe(at(page1, 1).id - 1);
    expect(await w.invoke('audrey', 'audit.list', { from: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await w.invoke('olga', 'audit.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('reports "verified up to N" and the first broken link of a tampered trail', async () => {
    const w = await world();
    await w.addCredential({ identifier: 'web-root', username: 'root', content: 'S3cret-root-1' });
    const intact = await w.call('audrey', 'audit.verify', {});
    expect(intact).toMatchObject({ ok: true, signatures: { mode: 'newest-per-signer' } });
    expect(await w.invoke('audrey', 'audit.verify', { everySignature: 'yes' as unknown as boolean })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const driver = w.core.sessions.vault().database.driver;
    const triggers = driver.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string }[];
    for (const t of triggers) driver.exec(`DROP TRIGGER ${t.name}`);
    driver.prepare("UPDATE audit_log SET details = '{}' WHERE id = 4").run();
    expect(await w.call('audrey', 'audit.verify', {})).toEqual({ ok: false, count: 3, firstBrokenId: 4, kind: 'rewritten', reason: expect.stringMatching(/entry 4 was changed after it was written/) });
  });

  it('exports well-formed CSV and JSON, oldest first, formula-safe, without secrets, and audits the export', async () => {
    const w = await world();
    // A user-controlled text that a spreadsheet would run, and a secret.
    await w.addCredential({ identifier: 'web-root', username: 'root', content: 'S3cret-root-1', additional: '=HYPERLINK("http://evil")' });
    const csv = await w.call('audrey', 'audit.export', { format: 'csv', filters: { action: 'credential.' } });
    expect(csv).toMatchObject({ format: 'csv', count: 1, filename: expect.stringMatching(/^pamdesk-audit-.*\.csv$/) });
    expect(csv.text).not.toContain('S3cret');
    const parsed = parseCsv(csv.text);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(at(parsed.records, 0).fields).toEqual(['id', 'at', 'actor', 'shell', 'action', 'object_type', 'object_id', 'details', 'prev_hash', 'hash']);
    const row = at(parsed.records, 1).fields;
    expect(row.slice(2, 7)).toEqual(['admin', 'desktop', 'credential.create', 'credential', '1']);
    const details = JSON.parse(row[7] ?? '') as { after: { additional: string } };
    expect(details.after).toMatchObject({ additional: '=HYPERLINK("http://evil")' });
    // No cell starts with a formula character.
    for (const record of parsed.records) for (const field of record.fields) expect(field).not.toMatch(/^[=+\-@]/);

    const json = await w.call('audrey', 'audit.export', { format: 'json', filters: {} });
    const entries = JSON.parse(json.text) as { id: number; prevHash: string; hash: string }[];
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => a - b));
    for (let i = 1; i < entries.length; i += 1) expect(at(entries, i).prevHash).toBe(at(entries, i - 1).hash);
    expect(json.text).not.toContain('S3cret');
    const trail = await w.call('audrey', 'audit.list', { action: 'audit.export' });
    expect(trail.map((e) => e.details)).toEqual([
      { format: 'json', filters: {}, count: entries.length },
      { format: 'csv', filters: { action: 'credential.' }, count: 1 },
    ]);
  });
});
