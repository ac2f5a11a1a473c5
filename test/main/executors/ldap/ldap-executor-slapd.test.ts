import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapExecutor } from '../../../../main/executors/ldap/ldap-executor';
import type { SshTarget } from '../../../../main/executors/ssh/ssh-types';
import { BUILTIN_TEMPLATES, readBuiltinTemplate } from '../../../../main/templates/builtin/builtin-templates';
import { TemplateRenderError } from '../../../../main/templates/render-template';
import type { TagValues } from '../../../../main/templates/tag-values';
import { needsTool } from '../../../support/needs-tool';
import { runCommand } from '../../../support/targets/run-command';
import { isSlapdInstalled, SLAPD_PEOPLE, SLAPD_SKIP_REASON, startSlapd, type SlapdTarget } from '../../../support/targets/slapd';

const gate = needsTool(isSlapdInstalled(), SLAPD_SKIP_REASON);

/** Names that would break out of a DN or a filter if they were not escaped (and the passwords of SQL-minded attackers). */
const HOSTILE = ['*', 'a)(cn=*', 'x,cn=victim', '=', '+plus', '#lead', ' lead', `o'brien "q" \\b`, "'; DROP ROLE x; --", 'victim*'];
const ACCOUNTS = [
  { cn: 'alice', password: 'alice-old-1' },
  { cn: 'bob', password: 'bob-old-1' },
  { cn: 'victim', password: 'victim-old-1' },
  { cn: 'pwadmin', password: 'admin-secret-1', admin: true },
  ...HOSTILE.map((cn, i) => ({ cn, password: `hostile-old-${i}` })),
];

function builtin(name: string): string {
  const found = BUILTIN_TEMPLATES.find((t) => t.name === name);
  if (found === undefined) throw new Error(`no built-in ${name}`);
  return readBuiltinTemplate(found);
}

function values(entries: Record<string, string>): TagValues {
  const secret = new Set(['NEW_PASSWORD', 'CURRENT_PASSWORD', 'AUTH_PASSWORD']);
  return new Map(Object.entries(entries).map(([name, value]) => [name, { available: true as const, value, secret: secret.has(name) }]));
}

async function run(source: string, tags: Record<string, string>, target: SshTarget, login: { username: string; password: string }) {
  const compiled = ldapExecutor.compile(source, []);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compiled.render(values(tags), 'posix').run(target, login, { timeouts: { connectTimeoutMs: 10_000, readTimeoutMs: 10_000 } });
}

describe.skipIf(gate.skip)(gate.title('LDAP executor against OpenLDAP (slapd)'), () => {
  let slapd: SlapdTarget;
  let ldaps: SshTarget;
  let startTls: SshTarget;
  const passwords = new Map(ACCOUNTS.map((a) => [a.cn, a.password]));

  beforeAll(async () => {
    const started = Date.now();
    slapd = await startSlapd({ accounts: ACCOUNTS });
    console.log(`slapd started in ${Date.now() - started} ms (machine shared with other helpers)`);
    ldaps = { host: slapd.host, port: slapd.ldapsPort, pinnedFingerprint: slapd.fingerprint, implicitTls: true };
    startTls = { host: slapd.host, port: slapd.ldapPort, pinnedFingerprint: slapd.fingerprint };
  }, 60_000);
  afterAll(async () => slapd?.stop());

  /** Every account other than `except` still binds with its password. */
  async function othersUnchanged(except: string): Promise<void> {
    for (const [cn, password] of passwords) {
      if (cn === except) continue;
      expect(await slapd.canBind(slapd.dnOf(cn), password), `${cn} must be unchanged`).toBe(true);
    }
  }

  it('changes its own password over LDAPS with RFC 3062; the server hashes it; a fresh bind verifies', async () => {
    const dn = slapd.dnOf('alice');
    const logBefore = slapd.log().length;
    const result = await run(builtin('OpenLDAP - Change own password'), { USERNAME: dn, CURRENT_PASSWORD: 'alice-old-1', NEW_PASSWORD: 'alice-new-2' }, ldaps, { username: dn, password: 'alice-old-1' });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    passwords.set('alice', 'alice-new-2');
    // What the refusal tests look for is what slapd logs when a bind and the exop do arrive.
    expect(slapd.log().slice(logBefore)).toMatch(/ BIND /);
    expect(slapd.log().slice(logBefore)).toMatch(/EXT oid=1\.3\.6\.1\.4\.1\.4203\.1\.11\.1/);
    expect(await slapd.storedPassword('alice')).toMatch(/^\{SSHA\}/);
    expect(await ldapExecutor.tryLogin(ldaps, { username: dn, password: 'alice-new-2' }, {})).toBe('accepted');
    expect(await ldapExecutor.tryLogin(ldaps, { username: dn, password: 'alice-old-1' }, {})).toBe('rejected');
    expect(JSON.stringify(result.transcript)).not.toContain('alice-new-2');
    await othersUnchanged('alice');
  });

  it('changes a password as administrator over StartTLS (RFC 3062 without the old password)', async () => {
    const dn = slapd.dnOf('bob');
    const logBefore = slapd.log().length;
    const result = await run(builtin('OpenLDAP - Change password as administrator'), { USERNAME: dn, NEW_PASSWORD: 'bob-new-2' }, startTls, { username: slapd.dnOf('pwadmin'), password: 'admin-secret-1' });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    passwords.set('bob', 'bob-new-2');
    expect(slapd.log().slice(logBefore)).toMatch(/EXT oid=1\.3\.6\.1\.4\.1\.1466\.20037/);
    expect(await ldapExecutor.tryLogin(startTls, { username: dn, password: 'bob-new-2' }, {})).toBe('accepted');
    await othersUnchanged('bob');
  });

  it('a wrong login password is auth-failed and changes nothing', async () => {
    const dn = slapd.dnOf('victim');
    const result = await run(builtin('OpenLDAP - Change own password'), { USERNAME: dn, CURRENT_PASSWORD: 'wrong', NEW_PASSWORD: 'never-set' }, ldaps, { username: dn, password: 'wrong' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.kind).toBe('auth-failed');
    await othersUnchanged('');
  });

  it('hostile usernames and passwords change exactly the one account (DN and filter escaping against the real server)', async () => {
    // Segura's AD template shape, pointed at slapd: the admin's name in a DN, the user's in a filter.
    const template = `bind "cn=[#AUTH_USER#],${SLAPD_PEOPLE}"\nfind "${SLAPD_PEOPLE}" (&(objectClass=inetOrgPerson)(cn=[#USERNAME#]))\npassword-modify "[#NEW_PASSWORD#]"\n`;
    for (const [i, cn] of HOSTILE.entries()) {
      const password = `new ${HOSTILE[(i + 3) % HOSTILE.length] ?? ''} "\\ ${i}`;
      const result = await run(template, { AUTH_USER: 'pwadmin', USERNAME: cn, NEW_PASSWORD: password }, ldaps, { username: 'ignored', password: 'admin-secret-1' });
      expect(result.ok, `${cn}: ${JSON.stringify(result)}`).toBe(true);
      passwords.set(cn, password);
      expect(await slapd.canBind(slapd.dnOf(cn), password), cn).toBe(true);
      await othersUnchanged(cn);
    }
    // A hostile admin name is one DN value too: it names no existing entry, so the bind fails.
    const broken = await run(template, { AUTH_USER: 'x,cn=pwadmin', USERNAME: 'victim', NEW_PASSWORD: 'never-set' }, ldaps, { username: 'ignored', password: 'admin-secret-1' });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.failure.kind).toBe('auth-failed');
    await othersUnchanged('');
  }, 120_000);

  it('NUL and line breaks in a username or password refuse the run before anything is sent', () => {
    const compiled = ldapExecutor.compile(builtin('OpenLDAP - Change password as administrator'), []);
    for (const bad of ['a\u0000b', 'a\nb']) {
      expect(() => compiled.render(values({ USERNAME: slapd.dnOf('victim'), NEW_PASSWORD: bad }), 'posix')).toThrow(TemplateRenderError);
      expect(() => compiled.render(values({ USERNAME: `${slapd.dnOf('victim')}${bad}`, NEW_PASSWORD: 'x' }), 'posix')).toThrow(TemplateRenderError);
    }
  });

  it('an unpinned or different certificate is refused before any bind, with the presented fingerprint', async () => {
    const dn = slapd.dnOf('victim');
    for (const [target, kind] of [
      [{ ...ldaps, pinnedFingerprint: null }, 'host-key-untrusted'],
      [{ ...startTls, pinnedFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 'host-key-changed'],
      [{ ...ldaps, pinnedFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 'host-key-changed'],
    ] as const) {
      const logBefore = slapd.log().length;
      const result = await run(builtin('OpenLDAP - Change own password'), { USERNAME: dn, CURRENT_PASSWORD: 'victim-old-1', NEW_PASSWORD: 'never-set' }, target, { username: dn, password: 'victim-old-1' });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.failure.kind).toBe(kind);
        expect(result.failure.presentedFingerprint).toBe(slapd.fingerprint);
      }
      expect(await ldapExecutor.tryLogin(target, { username: dn, password: 'victim-old-1' }, {})).toBe(kind === 'host-key-untrusted' ? 'host-key-untrusted' : 'host-key-mismatch');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const logged = slapd.log().slice(logBefore);
      expect(logged, 'slapd saw a bind').not.toMatch(/ BIND /);
      expect(logged).not.toMatch(/EXT oid=1\.3\.6\.1\.4\.1\.4203\.1\.11\.1/);
    }
    await othersUnchanged('');
  });

  it('reconciles (sets a password without the old one) as administrator', async () => {
    const dn = slapd.dnOf('victim');
    const result = await run(builtin('OpenLDAP - Reconcile password as administrator'), { USERNAME: dn, NEW_PASSWORD: 'victim-reconciled-2' }, ldaps, { username: slapd.dnOf('pwadmin'), password: 'admin-secret-1' });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    passwords.set('victim', 'victim-reconciled-2');
    expect(await ldapExecutor.tryLogin(ldaps, { username: dn, password: 'victim-reconciled-2' }, {})).toBe('accepted');
    await othersUnchanged('victim');
  });
});

describe.skipIf(gate.skip)(gate.title('LDAP executor refuses to bind in clear'), () => {
  let plain: SlapdTarget;
  beforeAll(async () => {
    plain = await startSlapd({ accounts: [{ cn: 'carol', password: 'carol-old-1' }], tls: false });
  }, 60_000);
  afterAll(async () => plain?.stop());

  it('a server without TLS that accepts a cleartext bind gets no bind from pamdesk', async () => {
    const dn = plain.dnOf('carol');
    // The server would accept it: a simple bind in clear with ldapwhoami succeeds.
    const clear = await runCommand('ldapwhoami', ['-H', `ldap://127.0.0.1:${plain.ldapPort}`, '-x', '-D', dn, '-w', 'carol-old-1']);
    expect(clear.code, clear.stderr).toBe(0);
    const target: SshTarget = { host: plain.host, port: plain.ldapPort, pinnedFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
    const logBefore = plain.log().length;
    const result = await run(builtin('OpenLDAP - Change own password'), { USERNAME: dn, CURRENT_PASSWORD: 'carol-old-1', NEW_PASSWORD: 'never-set' }, target, { username: dn, password: 'carol-old-1' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure.kind).toBe('invalid-step');
      expect(result.failure.message).toMatch(/does not bind in clear/);
      expect(result.failure.message).toMatch(/Enable TLS on the server/);
    }
    expect(await ldapExecutor.tryLogin(target, { username: dn, password: 'carol-old-1' }, {})).toBe('unreachable');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(plain.log().slice(logBefore)).not.toMatch(/ BIND /);
    expect(await plain.canBind(dn, 'carol-old-1')).toBe(true);
  });
});
