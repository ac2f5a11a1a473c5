import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../../main/templates/builtin/builtin-templates';
import { ADMIN_ENV, cliFor, seededVault } from '../../support/cli-runner';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('pamdesk template', () => {
  it('lints files: errors with line and column make exit 1, warnings alone exit 0', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.txt');
    const warned = join(dir, 'warned.txt');
    const bad = join(dir, 'bad.txt');
    writeFileSync(good, 'expect-regex "/[$#>] ?$/"\nexec "echo hi"\nend\n');
    writeFileSync(warned, 'expect-regex "/[$#>] ?$/"\nexec echo hi\nend\n');
    writeFileSync(bad, 'expect "*$"\nexecute "passwd"\nexec "passwd [#NOT_A_TAG#]"\n');
    const cli = cliFor(tempDir());
    expect(await cli(['template', 'lint', good])).toMatchObject({ code: 0, out: `${good}: ok` });
    const w = await cli(['template', 'lint', warned]);
    expect(w.code).toBe(0);
    expect(w.out).toMatch(new RegExp(`${warned}:2:\\d+: warning`));
    const b = await cli(['template', 'lint', bad, good]);
    expect(b.code).toBe(1);
    expect(b.out).toMatch(new RegExp(`${bad}:2:1: error: .*execute`));
    expect(b.out).toMatch(new RegExp(`${bad}:3:\\d+: error: .*NOT_A_TAG`));
  });

  it('imports into the vault: refused at save with the line, versions kept, built-ins present', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    const file = join(dir, 'tpl.txt');
    writeFileSync(file, 'expect-regex "/[$#>] ?$/"\nexec "passwd"\nexpect "*assword:*"\nexec "[#UNDECLARED#]"\nend\n');
    const refused = await cli(['template', 'import', file, '--name', 'Mine', '--type', 'change_password'], ADMIN_ENV);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/:4:\d+: error: .*UNDECLARED/);

    writeFileSync(file, 'expect-regex "/[$#>] ?$/"\nexec "echo v1"\nend\n');
    expect((await cli(['template', 'import', file, '--name', 'Mine', '--type', 'verify'], ADMIN_ENV)).out).toBe('Saved Mine, version 1.');
    writeFileSync(file, 'expect-regex "/[$#>] ?$/"\nexec "echo v2"\nend\n');
    expect((await cli(['template', 'import', file, '--name', 'Mine', '--type', 'verify'], ADMIN_ENV)).out).toBe('Saved Mine, version 2.');

    const list = JSON.parse((await cli(['template', 'list', '--json'], ADMIN_ENV)).out) as { name: string; current_version: number; builtin: boolean; body: string }[];
    expect(list.find((t) => t.name === 'Mine')).toMatchObject({ current_version: 2, builtin: false, body: expect.stringContaining('echo v2') });
    for (const builtin of BUILTIN_TEMPLATES) expect(list.find((t) => t.name === builtin.name)).toMatchObject({ builtin: true, current_version: 1 });
  });
});

describe('pamdesk template: plugins', () => {
  it('lint --plugin: a Cisco template warns without a device, fails with --shell posix, passes with --shell network-cli; Telnet says it is cleartext', async () => {
    const dir = tempDir();
    const cisco = join(dir, 'cisco.txt');
    writeFileSync(cisco, 'expect "*#"\nexec "configure terminal"\nexpect "*#"\nexec "enable secret [#NEW_PASSWORD#]"\nend\n');
    const cli = cliFor(tempDir());
    const free = await cli(['template', 'lint', cisco]);
    expect(free.code).toBe(0);
    expect(free.out).toMatch(/:4:\d+: warning: .*network CLI.*\[secret-on-command-line\]/);
    expect((await cli(['template', 'lint', cisco, '--shell', 'posix'])).code).toBe(1);
    expect(await cli(['template', 'lint', cisco, '--shell', 'network-cli'])).toMatchObject({ code: 0, out: `${cisco}: ok` });
    const telnet = await cli(['template', 'lint', cisco, '--plugin', 'telnet']);
    expect(telnet.code).toBe(0);
    expect(telnet.err).toMatch(/Telnet sends the login and every line .* in clear/);
    expect((await cli(['template', 'lint', cisco, '--shell', 'cmd'])).code).toBe(2);
  });

  it('refuses templates of executors pamdesk does not have by name, given or from the library folder, not with parse errors', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    const folder = join(dir, 'Tk Expect', 'Change password');
    mkdirSync(folder, { recursive: true });
    const tk = join(folder, 'Some appliance');
    writeFileSync(tk, 'spawn ssh $user@$host\nexpect "password:"\nsend "$pass\\r"\n');
    for (const args of [[tk], [join(dir, 'plain.txt'), '--plugin', 'Windows RM']]) {
      if (args[0] !== tk) writeFileSync(args[0] ?? '', 'Invoke-Command {}\n');
      const refused = await cli(['template', 'import', ...args, '--name', 'Foreign', '--type', 'change_password'], ADMIN_ENV);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/(Tk Expect|Windows RM) templates run on the (Tk Expect|Windows RM) executor, which pamdesk does not have \(it has SSH, Telnet[^)]*\)/);
      expect(refused.err).not.toMatch(/unknown-command/);
    }
    const lint = await cli(['template', 'lint', tk]);
    expect(lint.code).toBe(1);
    expect(lint.err).toMatch(/Tk Expect executor, which pamdesk does not have/);
    const list = JSON.parse((await cli(['template', 'list', '--json'], ADMIN_ENV)).out) as { name: string }[];
    expect(list.some((t) => t.name === 'Foreign')).toBe(false);
  });

  it('lint and import --plugin LDAP read the LDAP language; a Segura LDAP folder is LDAP without --plugin', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    const folder = join(dir, 'LDAP', 'Change password');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'AD-Change-User-Password');
    writeFileSync(file, 'set-option LDAP_OPT_PROTOCOL_VERSION 3\nbind "cn=[#AUTH_USER#],CN=Users,DC=dominio,DC=com"\nfind "DC=dominio,DC=com" (&(objectClass=user)(sAMAccountName=[#USERNAME#]))\nmod-replace unicodePwd "u([#NEW_PASSWORD#])"\n');
    for (const args of [[file, '--plugin', 'LDAP'], [file]]) {
      const lint = await cli(['template', 'lint', ...args]);
      expect(lint, JSON.stringify(lint)).toMatchObject({ code: 0 });
    }
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'bind\nmodrdn "x"\nset-option LDAP_OPT_X_TLS_REQUIRE_CERT never\n');
    const refused = await cli(['template', 'lint', bad, '--plugin', 'LDAP']);
    expect(refused.code).toBe(1);
    expect(`${refused.out}${refused.err}`).toMatch(/"modrdn" is not a command of LDAP templates/);
    expect(`${refused.out}${refused.err}`).toMatch(/insecure-option|without checking the server's certificate/);
    const saved = await cli(['template', 'import', file, '--name', 'AD reset', '--type', 'change_password', '--plugin', 'LDAP'], ADMIN_ENV);
    expect(saved).toMatchObject({ code: 0, out: 'Saved AD reset, version 1.' });
    expect(saved.err).not.toMatch(/in clear/);
    const list = JSON.parse((await cli(['template', 'list', '--json'], ADMIN_ENV)).out) as { name: string; executor: string }[];
    expect(list.find((t) => t.name === 'AD reset')?.executor).toBe('ldap');
    expect(list.find((t) => t.name === 'OpenLDAP - Change own password')?.executor).toBe('ldap');
  });

  it('import --plugin Telnet saves a Telnet template (with the cleartext warning); a new version cannot change its executor', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    const file = join(dir, 'telnet.txt');
    writeFileSync(file, 'expect "*>"\nexec "enable"\nend\n');
    const saved = await cli(['template', 'import', file, '--name', 'Old switch', '--type', 'change_password', '--plugin', 'Telnet'], ADMIN_ENV);
    expect(saved).toMatchObject({ code: 0, out: 'Saved Old switch, version 1.' });
    expect(saved.err).toMatch(/in clear/);
    const list = JSON.parse((await cli(['template', 'list', '--json'], ADMIN_ENV)).out) as { name: string; executor: string }[];
    expect(list.find((t) => t.name === 'Old switch')?.executor).toBe('telnet');
    const changed = await cli(['template', 'import', file, '--name', 'Old switch', '--type', 'change_password', '--plugin', 'SSH'], ADMIN_ENV);
    expect(changed.code).toBe(1);
    expect(changed.err).toMatch(/template for the Telnet executor: a new version cannot make it a SSH template/);
  });

  it('lint and import --plugin PostgreSQL|MySQL read the file as SQL: a secret outside PASSWORD is an error on PostgreSQL, a good one imports', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    const good = join(dir, 'pg.sql');
    writeFileSync(good, "ALTER USER [#USERNAME#] WITH PASSWORD '[#NEW_PASSWORD#]'\n");
    const bad = join(dir, 'bad.sql');
    writeFileSync(bad, "SELECT '[#NEW_PASSWORD#]';\n");
    expect(await cli(['template', 'lint', good, '--plugin', 'PostgreSQL'])).toMatchObject({ code: 0, out: `${good}: ok` });
    const refused = await cli(['template', 'lint', bad, '--plugin', 'PostgreSQL']);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/:1:9: error: .*\[sql-secret-outside-password\]/);
    expect((await cli(['template', 'lint', bad, '--plugin', 'MySQL'])).code).toBe(0);
    for (const [plugin, executor] of [['PostgreSQL', 'postgresql'], ['MySQL', 'mysql']] as const) {
      const saved = await cli(['template', 'import', good, '--name', `DB ${plugin}`, '--type', 'change_password', '--plugin', plugin], ADMIN_ENV);
      expect(saved).toMatchObject({ code: 0, out: `Saved DB ${plugin}, version 1.` });
      const list = JSON.parse((await cli(['template', 'list', '--json'], ADMIN_ENV)).out) as { name: string; executor: string }[];
      expect(list.find((t) => t.name === `DB ${plugin}`)?.executor).toBe(executor);
    }
  });
});
