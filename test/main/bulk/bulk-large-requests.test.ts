import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { BULK_PREVIEW_ITEMS, BULK_TASK_PAGE } from '../../../shared/domain/bulk';
import { MAX_LISTED_CREDENTIALS, MAX_SELECTED_CREDENTIALS } from '../../../shared/domain/credential-selection';
import { seedMany, useBulkWorld } from './bulk-fixture';

/**
 * Issue 14 item 5 over IPC on a real vault: one cap per request (100,000 by "select all
 * matching", 10,000 ids listed one by one), the selection stored at submission, and a request's
 * tasks read a page at a time.
 */
const world = useBulkWorld();

describe('large bulk requests', () => {
  it('has one cap: 100,000 credentials by query are reviewed, 100,001 are refused in words, and an id list stops at 10,000', async () => {
    expect(MAX_SELECTED_CREDENTIALS).toBe(100_000);
    expect(MAX_LISTED_CREDENTIALS).toBe(10_000);
    const w = await world();
    const listed = Array.from({ length: MAX_LISTED_CREDENTIALS + 1 }, (_, i) => i + 1);
    const tooManyIds = await w.invoke('olga', 'bulk.preview', { action: 'disable', credentialIds: listed });
    expect(tooManyIds).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('At most 10,000 credentials can be listed one by one: use "Select all matching" to cover up to 100,000') } });
    const tooManyCounted = await w.invoke('olga', 'bulk.request', { action: 'disable', matching: { count: MAX_SELECTED_CREDENTIALS + 1 } });
    expect(tooManyCounted).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('At most 100,000 credentials per request') } });
    // The password-change request takes the same selection, so the same cap.
    const tooManyChanges = await w.invoke('olga', 'operation.requestChange', { matching: { count: MAX_SELECTED_CREDENTIALS + 1 } });
    expect(tooManyChanges).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('At most 100,000 credentials per request') } });

    const ids = await seedMany(w, MAX_SELECTED_CREDENTIALS + 1, 'fleet');
    const over = await w.invoke('olga', 'bulk.preview', { action: 'disable', matching: { filters: { tags: ['fleet'] }, count: MAX_SELECTED_CREDENTIALS } });
    expect(over).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('match more than 100,000 credentials, the most one request can cover') } });

    await w.core.sessions.vault().database.db.deleteFrom('credentials').where('id', '=', ids[0] ?? 0).execute();
    const preview = await w.call('olga', 'bulk.preview', { action: 'disable', matching: { filters: { tags: ['fleet'] }, count: MAX_SELECTED_CREDENTIALS } });
    expect(preview.total).toBe(MAX_SELECTED_CREDENTIALS);
    expect(preview.blastRadius).toMatchObject({ credentials: MAX_SELECTED_CREDENTIALS, eligible: MAX_SELECTED_CREDENTIALS, ineligible: 0 });
    expect(preview.items).toHaveLength(BULK_PREVIEW_ITEMS);
  }, 300_000);

  it('applies what was submitted: a credential that matches the query only after the request is left alone', async () => {
    const w = await world();
    for (const name of ['lab-1', 'lab-2', 'lab-3']) await w.addCredential({ identifier: name, username: name, tags: 'lab' });
    const request = await w.call('olga', 'bulk.request', { action: 'edit', matching: { filters: { tags: ['lab'] }, count: 3 }, changes: { additional: 'reviewed' } });
    const late = await w.addCredential({ identifier: 'lab-late', username: 'late', tags: 'lab' });
    expect((await w.call('admin', 'credential.query', { filters: { tags: ['lab'] }, count: 'exact', limit: 1 })).total).toBe(4);

    const outcome = await w.call('ana', 'bulk.approve', { ref: request.id, justification: 'the three reviewed' });
    expect(outcome).toMatchObject({ state: 'Success', message: 'Applied to 3 credential(s).' });
    for (const name of ['lab-1', 'lab-2', 'lab-3']) expect((await w.credential('admin', name)).additional).toBe('reviewed');
    expect((await w.credential('admin', late)).additional).toBeNull();
    const shown = await w.call('ana', 'bulk.get', { ref: request.id });
    expect(shown.tasks.map((t) => t.identifier)).toEqual(['lab-1', 'lab-2', 'lab-3']);
  });

  it('shows the approver counts and one page of tasks at a time, to those who may see the request', async () => {
    const w = await world();
    const count = BULK_TASK_PAGE * 2 + 37;
    await seedMany(w, count, 'pool');
    const matching = { filters: { tags: ['pool'] }, count };
    const preview = await w.call('olga', 'bulk.preview', { action: 'disable', matching });
    expect(preview).toMatchObject({ total: count, blastRadius: { credentials: count } });
    expect(preview.items).toHaveLength(BULK_PREVIEW_ITEMS);

    const request = await w.call('olga', 'bulk.request', { action: 'disable', matching });
    // What the requester gets back is the request as stored: its counts and the first page.
    expect(request).toMatchObject({ credentialCount: count, taskCounts: { pending: count, success: 0, error: 0, skipped: 0 } });
    expect(request.tasks).toHaveLength(BULK_TASK_PAGE);
    expect(request.tasks[0]).toMatchObject({ identifier: 'pool-0', status: 'pending', changes: [{ field: 'status', from: 'active', to: 'inactive' }] });

    const last = await w.call('ana', 'bulk.tasks', { ref: request.code, offset: BULK_TASK_PAGE * 2 });
    expect(last.total).toBe(count);
    expect(last.rows.map((t) => t.identifier)).toEqual(Array.from({ length: 37 }, (_, i) => `pool-${BULK_TASK_PAGE * 2 + i}`));
    const all: string[] = [];
    for (let offset = 0; offset < count; offset += BULK_TASK_PAGE) all.push(...(await w.call('ana', 'bulk.tasks', { ref: request.id, offset })).rows.map((t) => t.identifier));
    expect(new Set(all).size).toBe(count);

    expect(await w.invoke('ana', 'bulk.tasks', { ref: request.id, limit: BULK_TASK_PAGE + 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // Another operator may not see it: no hint that it exists.
    expect(await w.invoke('otto', 'bulk.tasks', { ref: request.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    await w.call('ana', 'bulk.approve', { ref: request.id, justification: 'pool retired (test)' });
    const done = await w.call('ana', 'bulk.get', { ref: request.id });
    expect(done.taskCounts).toEqual({ pending: 0, success: count, error: 0, skipped: 0 });
    expect((await w.call('ana', 'bulk.tasks', { ref: request.id, status: 'pending' })).total).toBe(0);
  }, 120_000);

  it('lists the ineligible first in a preview cut to its first items, counting all of them', async () => {
    const w = await world();
    const ids = await seedMany(w, BULK_PREVIEW_ITEMS + 100, 'mixed');
    const inactive = ids.slice(-3);
    await w.core.sessions.vault().database.db.updateTable('credentials').set({ status: 'inactive' }).where('id', 'in', inactive).execute();
    const preview = await w.call('olga', 'bulk.preview', { action: 'disable', matching: { filters: { tags: ['mixed'] }, count: ids.length } });
    expect(preview.total).toBe(ids.length);
    expect(preview.blastRadius).toMatchObject({ eligible: ids.length - 3, ineligible: 3 });
    expect(preview.items).toHaveLength(BULK_PREVIEW_ITEMS);
    expect(preview.items.slice(0, 3).map((item) => [item.id, item.eligible])).toEqual(inactive.map((id) => [id, false]));
  });

  it('is all-or-nothing at scale: a write refused after every credential row was written leaves nothing changed and no apply entry in the trail', async () => {
    const w = await world();
    // More than one step of checks and more than one statement of writes.
    const ids = await seedMany(w, 12_000, 'bulkfail');
    const db = w.core.sessions.vault().database.db;
    const request = await w.call('olga', 'bulk.request', { action: 'edit', matching: { filters: { tags: ['bulkfail'] }, count: ids.length }, changes: { credential_type: 'Service Account', tags: { mode: 'add', tags: ['pci'] } } });
    const snapshot = async () => ({
      rows: await db.selectFrom('credentials').select(['id', 'tags', 'credential_type', 'version', 'updated_at']).where('id', 'in', [ids[0] ?? 0, ids[6000] ?? 0, ids[11_999] ?? 0]).orderBy('id').execute(),
      changed: Number((await db.selectFrom('credentials').select((eb) => eb.fn.countAll().as('n')).where('credential_type', '=', 'Service Account').executeTakeFirstOrThrow()).n),
      tags: Number((await db.selectFrom('credential_tags').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    });
    const before = await snapshot();
    const trailBefore = (await db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
    // The credentials are all written by then: the last tag row is refused.
    await sql`CREATE TEMP TRIGGER refuse_last_tag BEFORE INSERT ON credential_tags WHEN NEW.credential_id = ${sql.lit(ids[11_999] ?? 0)} AND NEW.tag = 'pci' BEGIN SELECT RAISE(ABORT, 'disk full'); END`.execute(db);

    const outcome = await w.call('ana', 'bulk.approve', { ref: request.id, justification: 'go' });
    expect(outcome).toMatchObject({ state: 'Error', message: expect.stringMatching(/disk full.*nothing was applied/) });
    expect(await snapshot()).toEqual(before);
    // The trail says the approval was given and why it was not applied; nothing of the application.
    const added = await db.selectFrom('audit_log').select('action').where('id', '>', trailBefore).orderBy('id').execute();
    expect(added.map((entry) => entry.action)).toEqual(['bulk.approve', 'bulk.apply_failed']);
    expect((await w.call('ana', 'bulk.get', { ref: request.id })).taskCounts).toEqual({ pending: 0, success: 0, error: 0, skipped: ids.length });
  }, 120_000);

  it('marks each task in one pass: those with nothing to change skipped, saying so, the others success', async () => {
    const w = await world();
    const same = await w.addCredential({ identifier: 'already', username: 'already', additional: 'done' });
    const other = await w.addCredential({ identifier: 'todo', username: 'todo' });
    const request = await w.call('olga', 'bulk.request', { action: 'edit', credentialIds: [same, other], changes: { additional: 'done' } });
    expect(await w.call('ana', 'bulk.approve', { ref: request.id, justification: 'go' })).toMatchObject({ state: 'Success', message: 'Applied to 1 credential(s), 1 already as requested.' });
    const shown = await w.call('ana', 'bulk.get', { ref: request.id });
    expect(shown.tasks.map((t) => [t.identifier, t.status, t.message])).toEqual([
      ['already', 'skipped', 'Nothing to change: the credential already had these values.'],
      ['todo', 'success', null],
    ]);
    expect(shown.taskCounts).toEqual({ pending: 0, success: 1, error: 0, skipped: 1 });
  });
});
