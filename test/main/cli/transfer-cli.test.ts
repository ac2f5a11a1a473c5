import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../main/csv/csv-parse';
import { ADMIN_ENV, seededVault } from '../../support/cli-runner';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

const GOOD = 'username,hostname,ip,content,tags\r\nroot,srv01,10.0.0.5,"Pa,ss ""1""","linux,prod"\r\noracle,db01,10.0.0.9,Orä-cle,\r\n';
const BAD = `${GOOD},srv02,10.0.0.6,x,\r\n`;

describe('pamdesk import / export / audit export', () => {
  it('dry-runs, refuses a file with a bad row (exit 1, nothing written), imports, then exports without secrets', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    const bad = join(dir, 'bad.csv');
    const good = join(dir, 'good.csv');
    writeFileSync(bad, BAD);
    writeFileSync(good, GOOD);

    const refused = await cli(['import', bad, '--format', 'pamdesk'], ADMIN_ENV);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/row 3 \(line 4\): username is empty\. Fix: Fill in the account name/);
    expect(refused.err).toMatch(/Nothing was imported/);
    expect(JSON.parse((await cli(['credential', 'list', '--json'], ADMIN_ENV)).out)).toMatchObject({ total: 0 });

    const dry = await cli(['import', good, '--format', 'pamdesk', '--dry-run'], ADMIN_ENV);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/row 1 \(line 2\): create root@srv01 \(10\.0\.0\.5\)/);
    expect(dry.out).toMatch(/row 2 \(line 3\): create oracle@db01 \(10\.0\.0\.9\) \+device/);
    expect(JSON.parse((await cli(['credential', 'list', '--json'], ADMIN_ENV)).out)).toMatchObject({ total: 0 });

    const done = await cli(['import', good, '--format', 'pamdesk'], ADMIN_ENV);
    expect(done.code).toBe(0);
    expect(done.out.split('\n').at(-1)).toBe('Imported: 2 created, 0 updated, 0 skipped; 1 devices created.');

    const exported = await cli(['export', 'credentials'], ADMIN_ENV);
    expect(exported.code).toBe(0);
    expect(exported.out).not.toContain('Pa,ss');
    const parsed = parseCsv(exported.out);
    expect(parsed.ok && parsed.records.map((r) => r.fields.slice(0, 5))).toEqual([
      ['identifier', 'kind', 'username', 'hostname', 'ip'],
      [expect.any(String), 'password', 'root', 'srv01', '10.0.0.5'],
      [expect.any(String), 'password', 'oracle', 'db01', '10.0.0.9'],
    ]);
    expect((await cli(['export', 'operations'], ADMIN_ENV)).out).toMatch(/^code,type,state/);
    expect((await cli(['export', 'attempts', '--format', 'csv'], ADMIN_ENV)).out).toMatch(/^id,operation_code/);
    expect((await cli(['export', 'secrets'], ADMIN_ENV)).code).toBe(2);
  });

  it('exports the audit trail as CSV or JSON with date and actor filters', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    const csv = await cli(['audit', 'export', '--format', 'csv', '--actor', 'admin', '--action', 'device.'], ADMIN_ENV);
    expect(csv.code).toBe(0);
    const parsed = parseCsv(csv.out);
    expect(parsed.ok && parsed.records.map((r) => r.fields[4])).toEqual(['action', 'device.create']);
    const json = await cli(['audit', 'export', '--format', 'json', '--from', '2000-01-01', '--to', '2999-12-31T00:00:00Z'], ADMIN_ENV);
    expect(json.code).toBe(0);
    const entries = JSON.parse(json.out) as { action: string }[];
    expect(entries[0]?.action).toBe('vault.create');
    expect(entries.length).toBeGreaterThan(4);
    expect((await cli(['audit', 'export', '--format', 'xml'], ADMIN_ENV)).code).toBe(2);
    expect((await cli(['audit', 'export', '--format', 'csv', '--from', 'last tuesday'], ADMIN_ENV)).code).toBe(2);
    const none = await cli(['audit', 'export', '--format', 'json', '--to', '2000-01-01'], ADMIN_ENV);
    expect(JSON.parse(none.out)).toEqual([]);
  });
});
