import { describe, expect, it } from 'vitest';
import { useBulkWorld } from './bulk-fixture';

const world = useBulkWorld();

describe('bulk and password-change requests by "select all N matching"', () => {
  it('resolves the search and filters in main: the review and the request cover exactly what the grid counted', async () => {
    const w = await world();
    for (const name of ['app-1', 'app-2', 'app-3']) await w.addCredential({ identifier: name, username: name, tags: 'lab' });
    await w.addCredential({ identifier: 'other', username: 'other', tags: 'prod' });
    const matching = { filters: { tags: ['lab'] }, count: 3 };
    const preview = await w.call('olga', 'bulk.preview', { action: 'disable', matching });
    expect(preview.items.map((item) => item.identifier).sort()).toEqual(['app-1', 'app-2', 'app-3']);
    expect(preview.blastRadius.credentials).toBe(3);
    const request = await w.call('olga', 'bulk.request', { action: 'disable', matching });
    expect(request.credentialCount).toBe(3);
    await w.call('ana', 'bulk.approve', { ref: request.code, justification: 'lab accounts off (test)' });
    expect((await w.credential('admin', 'app-2')).status).toBe('inactive');
    expect((await w.credential('admin', 'other')).status).toBe('active');
  });

  it('refuses, in words, a count that no longer matches, an empty match, and both ids and a query', async () => {
    const w = await world();
    for (const name of ['app-1', 'app-2']) await w.addCredential({ identifier: name, username: name, tags: 'lab' });
    const stale = await w.invoke('olga', 'bulk.request', { action: 'disable', matching: { filters: { tags: ['lab'] }, count: 3 } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/You selected 3 credentials, but .* now match 2 credentials .*Nothing was sent/) } });
    const none = await w.invoke('olga', 'operation.requestChange', { matching: { search: 'nothing-like-this', count: 1 } });
    expect(none).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('No credential matches') } });
    const both = await w.invoke('olga', 'bulk.preview', { action: 'disable', credentialIds: [1], matching: { count: 1 } });
    expect(both).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('requests password changes for everything matching, and records the query in the audit entry', async () => {
    const w = await world();
    for (const name of ['app-1', 'app-2']) await w.addCredential({ identifier: name, username: name, tags: 'lab' });
    const result = await w.call('olga', 'operation.requestChange', { matching: { filters: { tags: ['lab'] }, count: 2 } });
    // No automatic change configured: both refused, each with its reason; nothing else was touched.
    expect(result.scheduled.length + result.refused.length).toBe(2);
    const db = w.core.sessions.vault().database.db;
    const entry = await db.selectFrom('audit_log').select('details').where('action', '=', 'operation.request_change').executeTakeFirstOrThrow();
    expect(JSON.parse(String(entry.details))).toMatchObject({ matching: { filters: { tags: ['lab'] }, count: 2 } });
  });
});
