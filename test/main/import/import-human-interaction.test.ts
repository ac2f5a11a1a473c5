import { describe, expect, it } from 'vitest';
import { useBulkWorld } from '../bulk/bulk-fixture';

const world = useBulkWorld();

describe('import: the pamdesk needs_human_interaction column', () => {
  it('marks and unmarks credentials through the upsert rules; an empty cell keeps the mark; a bad value is a row error', async () => {
    const w = await world();
    const csv = (rows: string) => `identifier,username,hostname,ip,needs_human_interaction\r\n${rows}`;
    const first = await w.call('admin', 'import.preview', { format: 'pamdesk', csvText: csv('mfa-1,token,srv01,10.0.0.1,true\r\nplain-1,plain,srv01,10.0.0.1,false\r\n') });
    expect(first.errors).toEqual([]);
    await w.call('admin', 'import.commit', { token: String(first.token) });
    expect((await w.credential('admin', 'mfa-1')).needs_human_interaction).toBe(true);
    expect((await w.credential('admin', 'plain-1')).needs_human_interaction).toBe(false);

    const kept = await w.call('admin', 'import.preview', { format: 'pamdesk', csvText: csv('mfa-1,token,srv01,10.0.0.1,\r\n') });
    await w.call('admin', 'import.commit', { token: String(kept.token) });
    expect((await w.credential('admin', 'mfa-1')).needs_human_interaction).toBe(true);

    const bad = await w.call('admin', 'import.preview', { format: 'pamdesk', csvText: csv('mfa-1,token,srv01,10.0.0.1,maybe\r\n') });
    expect(bad.token).toBeNull();
    expect(bad.errors).toEqual([{ row: 1, line: 2, problem: expect.stringMatching(/^9001: .*needs_human_interaction/), fix: expect.any(String) }]);

    // What the export writes, the import takes back.
    const exported = await w.call('admin', 'export.credentials', {});
    expect(exported.text).toMatch(/mfa-1,password,token,srv01,10\.0\.0\.1,.*,true,\d+,false,/);
  });
});
