import { describe, expect, it } from 'vitest';
import { withSlotDatabase } from '../../support/audit-attacks';
import { ADMIN_ENV, seededVault, type CliRun } from '../../support/cli-runner';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const OPERATOR_ENV = { PAMDESK_USER: 'olga', PAMDESK_PASSPHRASE: 'operator passphrase 1' } as const;
const credential = (identifier: string, username: string, hostname: string, ip: string) => JSON.stringify({ identifier, username, hostname, ip, content: `Pa55-${identifier}-x!` });

interface Device {
  readonly id: number;
  readonly hostname: string;
  readonly ip: string;
}

/** The cli.command entries the audit trail gained after entry `afterId`, and the newest id. */
async function commandEntries(dir: string, afterId: number): Promise<{ commands: unknown[]; lastId: number }> {
  let rows: { id: number; action: string; details: string }[] = [];
  await withSlotDatabase(dir, 'admin', ADMIN_ENV.PAMDESK_PASSPHRASE, (driver) => {
    rows = driver.prepare('SELECT id, action, details FROM audit_log WHERE id > ? ORDER BY id').all(afterId) as typeof rows;
  });
  return { commands: rows.filter((r) => r.action === 'cli.command').map((r) => JSON.parse(r.details) as unknown), lastId: rows.at(-1)?.id ?? afterId };
}

/** A vault with srv01 (root, app) and an operator; `run` also checks each command is one cli.command entry. */
async function world() {
  const dir = tempDir();
  const cli = await seededVault(dir);
  expect((await cli(['user', 'add', 'olga', '--role', 'operator'], { ...ADMIN_ENV, PAMDESK_NEW_PASSPHRASE: OPERATOR_ENV.PAMDESK_PASSPHRASE })).code).toBe(0);
  for (const [identifier, username] of [['srv01-root', 'root'], ['srv01-app', 'app']] as const) {
    expect((await cli(['credential', 'upsert'], ADMIN_ENV, credential(identifier, username, 'srv01', '10.0.0.5'))).code).toBe(0);
  }
  async function run(argv: readonly string[], env: NodeJS.ProcessEnv = ADMIN_ENV, stdin?: string): Promise<CliRun> {
    const before = (await commandEntries(dir, 0)).lastId;
    const result = await cli(argv, env, stdin);
    const added = await commandEntries(dir, before);
    const command = argv.filter((a) => !a.startsWith('-') && !/^\d+$/.test(a) && !a.startsWith('srv')).join(' ');
    expect(added.commands, `${argv.join(' ')} is one cli.command entry`).toEqual([{ command }]);
    return result;
  }
  const devices = async (archived = false): Promise<Device[]> => JSON.parse((await cli(['device', 'list', '--json', ...(archived ? ['--archived'] : [])], ADMIN_ENV)).out) as Device[];
  const identifiers = async (): Promise<string[]> => (await cli(['credential', 'list'], ADMIN_ENV)).out.split('\n').map((line) => line.split('\t')[0] ?? '');
  return { cli, run, devices, identifiers };
}

describe('pamdesk archive | restore | delete | dependents, device edit | merge | list --archived', () => {
  it('archives a credential out of the list and restores it back, each one audited command', async () => {
    const { run, identifiers } = await world();
    expect(await run(['credential', 'archive', 'srv01-app'])).toMatchObject({ code: 0, out: expect.stringMatching(/^Archived credential srv01-app \(id \d+\)\.$/) });
    expect(await identifiers()).not.toContain('srv01-app');
    const restored = await run(['credential', 'restore', 'srv01-app', '--json']);
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.out)).toMatchObject({ kind: 'credential', name: 'srv01-app', archived: false });
    expect(await identifiers()).toEqual(expect.arrayContaining(['srv01-root', 'srv01-app']));
  });

  it('names the credentials of a device as its dependents and refuses a delete by an operator or while they exist', async () => {
    const { run, devices } = await world();
    const [srv01] = await devices();
    const id = String(srv01?.id);
    const dependents = await run(['device', 'dependents', id]);
    expect(dependents.code).toBe(0);
    expect(dependents.out).toMatch(/^device srv01 \(10\.0\.0\.5\) \(id \d+\)/);
    expect(dependents.out).toContain('credentials depending on it: srv01-app, srv01-root');
    const json = JSON.parse((await run(['device', 'dependents', id, '--json'])).out) as { credentials: { name: string }[] };
    expect(json.credentials.map((c) => c.name).sort()).toEqual(['srv01-app', 'srv01-root']);

    const byOperator = await run(['device', 'delete', id], OPERATOR_ENV);
    expect(byOperator.code).toBe(1);
    expect(byOperator.err).toMatch(/administrator/i);
    const whileDepended = await run(['device', 'delete', id]);
    expect(whileDepended.code).toBe(1);
    expect(whileDepended.err).toContain('srv01-root');
    expect(whileDepended.err).toContain('srv01-app');
    expect((await devices()).map((d) => d.id)).toContain(srv01?.id);
  });

  it('edits a device in place (the id stays), lists archived devices apart, and merges two devices unless a username collides', async () => {
    const { cli, run, devices } = await world();
    const [srv01] = await devices();
    const edited = await run(['device', 'edit', String(srv01?.id), '--json'], ADMIN_ENV, JSON.stringify({ ip: '10.0.0.50' }));
    expect(edited.code).toBe(0);
    expect(JSON.parse(edited.out)).toMatchObject({ id: srv01?.id, hostname: 'srv01', ip: '10.0.0.50' });
    expect(await devices()).toEqual([expect.objectContaining({ id: srv01?.id, ip: '10.0.0.50' })]);
    // A field main would refuse is named in one sentence (not "..") and changes nothing.
    const refused = await run(['device', 'edit', String(srv01?.id)], ADMIN_ENV, JSON.stringify({ ip: 'nope' }));
    expect(refused.code).toBe(2);
    expect(refused.err.split('\n')[0]).toMatch(/^pamdesk device edit: the device JSON is not valid: ip: The IP "nope" is not an IP address: .*[^.]\.$/);
    expect(await devices()).toEqual([expect.objectContaining({ id: srv01?.id, ip: '10.0.0.50' })]);
    // No such device is a failure (1, as archive answers it), not a usage error (2).
    expect(await run(['device', 'edit', '99'], ADMIN_ENV, JSON.stringify({ ip: '10.0.0.9' }))).toMatchObject({ code: 1, err: 'No device has id 99: "pamdesk device list" (and "--archived") show the ids.' });
    expect(await run(['device', 'archive', '99'])).toMatchObject({ code: 1, err: expect.stringContaining('No device has id 99.') });

    for (const [hostname, ip, identifier, username] of [['srv02', '10.0.0.6', 'srv02-backup', 'backup'], ['srv03', '10.0.0.7', 'srv03-root', 'root']] as const) {
      expect((await cli(['device', 'upsert'], ADMIN_ENV, JSON.stringify({ hostname, ip, connectivities: 'SSH:22' }))).code).toBe(0);
      expect((await cli(['credential', 'upsert'], ADMIN_ENV, credential(identifier, username, hostname, ip))).code).toBe(0);
    }
    const byName = new Map((await devices()).map((d) => [d.hostname, d.id]));
    const merged = await run(['device', 'merge', String(srv01?.id), String(byName.get('srv02'))]);
    expect(merged).toMatchObject({ code: 0, out: 'Merged srv02 (10.0.0.6) into srv01 (10.0.0.50); moved 1 credential(s): srv02-backup.' });
    expect((await cli(['credential', 'show', 'srv02-backup'], ADMIN_ENV)).out).toContain('device:      srv01 (10.0.0.50)');
    expect((await devices()).map((d) => d.hostname).sort()).toEqual(['srv01', 'srv03']);

    const collision = await run(['device', 'merge', String(srv01?.id), String(byName.get('srv03'))]);
    expect(collision.code).toBe(1);
    expect(collision.err).toContain('root');
    expect((await devices()).map((d) => d.hostname).sort()).toEqual(['srv01', 'srv03']);

    // A device with a live credential stays; once its credential is archived, the device may follow.
    expect(await run(['device', 'archive', String(byName.get('srv03'))])).toMatchObject({ code: 1, err: expect.stringContaining('live credential srv03-root depends on it') });
    expect((await run(['credential', 'archive', 'srv03-root'])).code).toBe(0);
    expect((await run(['device', 'archive', String(byName.get('srv03'))])).code).toBe(0);
    expect((await devices()).map((d) => d.hostname)).toEqual(['srv01']);
    const archived = await run(['device', 'list', '--archived']);
    expect(archived.out).toMatch(/^\d+\tsrv03\t10\.0\.0\.7\tarchived \S+$/);
  });

  it('names the credentials using a template and refuses to archive it under them or to delete a built-in one', async () => {
    const { cli, run } = await world();
    const changedBy = { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change own password', use_own_credential_to_connect: true };
    expect((await cli(['credential', 'upsert'], ADMIN_ENV, JSON.stringify({ ...(JSON.parse(credential('srv01-root', 'root', 'srv01', '10.0.0.5')) as object), execution_settings: changedBy }))).code).toBe(0);
    const templates = JSON.parse((await cli(['template', 'list', '--json'], ADMIN_ENV)).out) as { id: number; name: string }[];
    const id = String(templates.find((t) => t.name === changedBy.change_template)?.id);
    const dependents = await run(['template', 'dependents', id]);
    expect(dependents.out).toContain('credentials depending on it: srv01-root\n');
    expect(dependents.out).toContain('cannot be deleted: "Linux - Change own password" is a built-in template.');
    expect(await run(['template', 'archive', id])).toMatchObject({ code: 1, err: expect.stringContaining('live credential srv01-root depends on it') });
    expect(await run(['template', 'delete', id])).toMatchObject({ code: 1, err: expect.stringContaining('is a built-in template. It cannot be deleted.') });
  });
});
