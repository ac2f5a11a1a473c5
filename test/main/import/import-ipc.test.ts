import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, useBulkWorld, type BulkWorld } from '../bulk/bulk-fixture';

const world = useBulkWorld();
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

/** Everything an import could touch, for "nothing was written" checks. */
async function vaultState(w: BulkWorld) {
  const db = w.core.sessions.vault().database.db;
  return {
    credentials: await db.selectFrom('credentials').selectAll().orderBy('id').execute(),
    devices: await db.selectFrom('devices').selectAll().orderBy('id').execute(),
    tags: await db.selectFrom('credential_tags').selectAll().execute(),
    auditActions: (await db.selectFrom('audit_log').select('action').execute()).map((r) => r.action).filter((a) => !a.startsWith('import.')),
  };
}

/** The identifier of the one credential with this username (imports create fresh UUIDv7s). */
async function identifierOf(w: BulkWorld, username: string): Promise<string> {
  const row = await w.core.sessions.vault().database.db.selectFrom('credentials').select('identifier').where('username', '=', username).executeTakeFirstOrThrow();
  return row.identifier;
}

async function secretOf(w: BulkWorld, identifier: string, field: 'content' | 'totp_secret' = 'content'): Promise<string> {
  const credential = await w.credential('admin', identifier);
  return (await w.call('admin', 'credential.reveal', { id: credential.id, field, purpose: 'view' })).secret;
}

describe('import from CSV over IPC', () => {
  it('previews a KeePassXC export row by row, lists the bad row, and writes nothing', async () => {
    const w = await world();
    const before = await vaultState(w);
    const preview = await w.call('admin', 'import.preview', { format: 'keepassxc', csvText: fixture('keepassxc.csv') });
    expect(preview.token).toBeNull();
    expect(preview.summary).toEqual({ rows: 4, create: 3, update: 0, skip: 0, errors: 1, devicesCreated: 3 });
    expect(preview.rows.map((r) => [r.row, r.line, r.action, r.device])).toEqual([
      [1, 2, 'create', 'create'],
      [2, 4, 'create', 'create'],
      [3, 5, 'error', null],
      [4, 6, 'create', 'create'],
    ]);
    expect(preview.errors).toEqual([{ row: 3, line: 5, problem: expect.stringMatching(/"Personal email" has no URL/), fix: expect.stringMatching(/Put the device's address in the KeePassXC entry's URL/) }]);
    expect(JSON.stringify(preview)).not.toContain('p@ss,word');
    expect(await vaultState(w)).toEqual(before);
  });

  it('imports the KeePassXC export once the bad row is gone: devices from URLs, secrets, notes, TOTP and tags', async () => {
    const w = await world();
    const csvText = fixture('keepassxc.csv').replace(/^"Root","Personal email".*\r\n/m, '');
    const preview = await w.call('admin', 'import.preview', { format: 'keepassxc', csvText });
    expect(preview.errors).toEqual([]);
    const summary = await w.call('admin', 'import.commit', { token: String(preview.token) });
    expect(summary).toMatchObject({ create: 3, errors: 0, devicesCreated: 3 });

    const web = await w.credential('admin', await identifierOf(w, 'root'));
    expect(web).toMatchObject({ username: 'root', hostname: 'web01', ip: '10.0.0.11', additional: 'web01', notes: 'Line one\r\nLine two', tags: ['Servers', 'Linux'] });
    expect(await secretOf(w, web.identifier)).toBe('p@ss,word "quoted"');
    expect(await secretOf(w, web.identifier, 'totp_secret')).toBe('JBSWY3DPEHPK3PXP');
    const devices = await w.call('admin', 'device.list', {});
    expect(devices.find((d) => d.hostname === 'web01')?.connectivities).toEqual([{ protocol: 'SSH', port: 2222 }]);

    const db = await w.credential('admin', await identifierOf(w, 'postgres'));
    expect(db).toMatchObject({ username: 'postgres', hostname: 'db01.corp.example', ip: 'https://db01.corp.example', additional: 'Base de données', notes: 'Ünïcödé note' });
    expect(await secretOf(w, db.identifier)).toBe('Pässwörd-日本');
    expect(await secretOf(w, await identifierOf(w, 'admin'))).toBe("=cmd|'/C calc'!A0");

    // Same file again: the same accounts are updated, not duplicated.
    const again = await w.call('admin', 'import.preview', { format: 'keepassxc', csvText });
    expect(again.summary).toMatchObject({ create: 0, update: 3, devicesCreated: 0 });
    // The token is single-use.
    expect(await w.invoke('admin', 'import.commit', { token: String(preview.token) })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const trail = await w.call('admin', 'audit.list', { action: 'import.' });
    expect(trail.map((e) => e.action)).toEqual(['import.preview', 'import.commit', 'import.preview']);
    expect(JSON.stringify(await w.call('admin', 'audit.list', { limit: 1000 }))).not.toContain('p@ss,word');
  });

  it('maps a Bitwarden export: logins imported, secure notes skipped, the row without a username listed', async () => {
    const w = await world();
    const before = await vaultState(w);
    const preview = await w.call('admin', 'import.preview', { format: 'bitwarden', csvText: fixture('bitwarden.csv') });
    expect(preview.rows.map((r) => r.action)).toEqual(['create', 'create', 'skip', 'error']);
    expect(at(preview.rows, 2).note).toMatch(/"note" item is not a login/);
    expect(preview.errors).toEqual([{ row: 4, line: 6, problem: 'The entry has no username.', fix: expect.any(String) }]);
    expect(await vaultState(w)).toEqual(before);

    const fixed = fixture('bitwarden.csv').replace(',,x,', ',ops,x,');
    const ok = await w.call('admin', 'import.preview', { format: 'bitwarden', csvText: fixed });
    expect(ok.errors).toEqual([]);
    await w.call('admin', 'import.commit', { token: String(ok.token) });
    const deploy = await w.credential('admin', await identifierOf(w, 'deploy'));
    expect(deploy).toMatchObject({ username: 'deploy', hostname: 'web01.corp.example', ip: 'https://web01.corp.example:8443', notes: 'Deploy key rotated\nmonthly', tags: ['Servers', 'Linux'] });
    expect(await secretOf(w, deploy.identifier)).toBe('pa,ss"word');
    const oracle = await w.credential('admin', await identifierOf(w, 'oracle'));
    expect(oracle).toMatchObject({ hostname: '10.0.0.30', ip: '10.0.0.30' });
    expect(await secretOf(w, oracle.identifier)).toBe('Orä-cle-日本');
  });

  it('rolls the whole commit back when a row fails after the preview (all or nothing)', async () => {
    const w = await world();
    const existing = await w.addCredential({ identifier: 'app-cred', username: 'app', content: 'old-secret' });
    const csvText = 'identifier,username,hostname,ip,content,device_type\r\n,brand-new,srv01,10.0.0.1,n3w,Linux\r\napp-cred,renamed,srv01,10.0.0.1,,\r\n';
    const preview = await w.call('admin', 'import.preview', { format: 'pamdesk', csvText });
    expect(preview.rows.map((r) => r.action)).toEqual(['create', 'update']);
    // Meanwhile someone takes the username the second row renames to: it now clashes (9003).
    await w.addCredential({ identifier: 'taken', username: 'renamed', content: 'x' });
    const before = await vaultState(w);
    const commit = await w.invoke('admin', 'import.commit', { token: String(preview.token) });
    expect(commit).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/Nothing was imported: 1 row/), details: { errors: [{ row: 2, problem: expect.stringMatching(/^9003/) }] } } });
    expect(await vaultState(w)).toEqual(before);
    expect((await w.credential('admin', existing)).username).toBe('app');
  });

  it('refuses a file in the wrong format, and an importer who may not create devices', async () => {
    const w = await world();
    const wrong = await w.call('admin', 'import.preview', { format: 'bitwarden', csvText: fixture('keepassxc.csv') });
    expect(wrong).toMatchObject({ token: null, rows: [], errors: [{ row: 0, problem: expect.stringMatching(/not a Bitwarden CSV export/) }] });
    const unclosed = await w.call('admin', 'import.preview', { format: 'pamdesk', csvText: 'username,hostname,ip\n"root,srv01,10.0.0.1\n' });
    expect(unclosed.errors).toEqual([{ row: 0, line: 2, problem: expect.stringMatching(/never closed/), fix: expect.any(String) }]);
    expect(await w.invoke('olga', 'import.preview', { format: 'keepassxc', csvText: fixture('keepassxc.csv') })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w.invoke('audrey', 'import.preview', { format: 'keepassxc', csvText: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('exports over IPC', () => {
  it('exports credentials without secrets in columns an import accepts back, and audits it', async () => {
    const w = await world();
    await w.addCredential({ identifier: 'web-root', username: 'root', content: 'S3cret-root-1', tags: 'linux,prod', notes: '=SUM(A1)' });
    const exported = await w.call('admin', 'export.credentials', {});
    expect(exported).toMatchObject({ format: 'csv', count: 1, filename: expect.stringMatching(/^pamdesk-credentials-\d{4}-\d\d-\d\d\.csv$/) });
    expect(exported.text).not.toContain('S3cret');
    expect(exported.text.split('\r\n')[0]).toBe('identifier,kind,username,hostname,ip,credential_type,domain,tags,additional,notes,status,expires_at,public_key,key_type,device_type,device_vendor,device_model,device_site,device_tags,connectivities,needs_human_interaction,id,automatic_change,in_sync,last_verified_at,last_changed_at,next_change_at');
    expect(exported.text).toContain(`"linux,prod",,'=SUM(A1)`);
    const back = await w.call('admin', 'import.preview', { format: 'pamdesk', csvText: exported.text });
    expect(back).toMatchObject({ errors: [], summary: { update: 1 } });
    expect((await w.call('audrey', 'audit.list', { action: 'export.' })).map((e) => [e.action, e.details])).toEqual([['export.credentials', { format: 'csv', count: 1 }]]);
  });

  it('exports the operations and attempts reports', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'web-root', username: 'root', content: 'S3cret-root-1' });
    const db = w.core.sessions.vault().database.db;
    const stamp = new Date().toISOString();
    const op = await db
      .insertInto('operations')
      .values({ code: 'OP-000001', type: 'verify', credential_id: id, device_id: 1, requester: 'admin', trigger: 'manual', scheduled_at: stamp, state: 'Error', next_attempt_at: stamp, created_at: stamp, updated_at: stamp, message: 'refused, "twice"' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('attempts').values({ operation_id: op.id, number: 1, started_at: stamp, ended_at: stamp, outcome: 'error', error: 'timeout', runner: 'r1' }).execute();
    const ops = await w.call('audrey', 'export.operations', { filter: { states: ['Error'] } });
    expect(ops.count).toBe(1);
    expect(ops.text).toMatch(/^code,type,state,/);
    expect(ops.text).toContain('OP-000001,verify,Error,web-root,root,srv01,10.0.0.1');
    expect(ops.text).toContain('"refused, ""twice"""');
    const attempts = await w.call('audrey', 'export.attempts', { outcome: 'error' });
    expect(attempts.text).toContain(',OP-000001,verify,web-root,srv01,1,');
  });
});
