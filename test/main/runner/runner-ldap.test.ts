import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunnerWorld, type RunnerWorld, requestAndRun, secretOf } from '../../support/runner-world';
import { needsTool } from '../../support/needs-tool';
import { isSlapdInstalled, SLAPD_SKIP_REASON, startSlapd, type SlapdTarget } from '../../support/targets/slapd';
import { useTempDirs } from '../../support/temp-dir';

/**
 * The LDAP executor through the runner, against a real slapd: the certificate is not trusted until
 * an operator trusts it (the run fails first with the presented fingerprint, nothing sent), then the
 * runner's crash-safe path as for SSH: own change, change as an administrator, verify, reconcile.
 */
const tempDir = useTempDirs();
const gate = needsTool(isSlapdInstalled(), SLAPD_SKIP_REASON);
let world: RunnerWorld;
let slapd: SlapdTarget;
let deviceId: number;

async function ldapCredential(cn: string, secret: string, settings: Record<string, unknown>): Promise<number> {
  await world.call('credential.upsert', { identifier: `ldap-${cn}`, username: slapd.dnOf(cn), hostname: 'ldap-target', ip: slapd.host, content: secret, execution_settings: { automatic_change: true, use_own_credential_to_connect: true, ...settings } });
  return (await world.call('credential.get', { ref: `ldap-${cn}` })).id;
}


describe.skipIf(gate.skip)(gate.title('LDAP executor through the runner, against a real slapd'), () => {
  beforeAll(async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'unused', password: 'unused-1' }]);
    slapd = await startSlapd({
      accounts: [
        { cn: 'lena', password: 'lena-initial-1' },
        { cn: 'mark', password: 'mark-initial-1' },
        { cn: 'nora', password: 'nora-lost-1' },
        { cn: 'pwadmin', password: 'admin-initial-1', admin: true },
      ],
    });
    deviceId = (await world.call('device.upsert', { hostname: 'ldap-target', ip: slapd.host, connectivities: `LDAPS:${slapd.ldapsPort},LDAP:${slapd.ldapPort}` })).id;
  }, 60_000);
  afterAll(async () => {
    await slapd?.stop();
    await world?.close();
  });

  it('fails first contact with the presented fingerprint; after the trust action it changes, proves and verifies', async () => {
    const id = await ldapCredential('lena', 'lena-initial-1', { change_plugin: 'LDAP', change_template: 'OpenLDAP - Change own password' });
    const first = await requestAndRun(world, 'operation.requestChange', id);
    expect(first.state).not.toBe('Success');
    const attempts = await world.call('operation.attempts', { code: first.code });
    expect(JSON.stringify(attempts)).toContain(slapd.fingerprint);
    expect(await slapd.canBind(slapd.dnOf('lena'), 'lena-initial-1')).toBe(true);

    await world.call('device.trustHostKey', { deviceId, protocol: 'LDAP', fingerprint: slapd.fingerprint });
    const audit = await world.call('audit.list', { limit: 20 });
    expect(JSON.stringify(audit)).toContain('device.trust_certificate');

    const op = await requestAndRun(world, 'operation.requestChange', id);
    expect(op.state, op.message ?? '').toBe('Success');
    const secret = await secretOf(world, id);
    expect(secret).not.toBe('lena-initial-1');
    expect(await slapd.canBind(slapd.dnOf('lena'), secret)).toBe(true);
    expect(await slapd.canBind(slapd.dnOf('lena'), 'lena-initial-1')).toBe(false);
    const verify = await requestAndRun(world, 'operation.requestVerify', id);
    expect(verify.state, verify.message ?? '').toBe('Success');
  }, 120_000);

  it('a certificate other than the pinned one fails the run before any bind; only TLS executors take a certificate pin', async () => {
    const id = (await world.call('credential.get', { ref: 'ldap-lena' })).id;
    const before = await secretOf(world, id);
    await world.call('device.trustHostKey', { deviceId, protocol: 'ldap', fingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    const op = await requestAndRun(world, 'operation.requestChange', id);
    expect(op.state).not.toBe('Success');
    const attempts = await world.call('operation.attempts', { code: op.code });
    expect(JSON.stringify(attempts)).toMatch(/not the pinned SHA256:A{43}/);
    expect(await secretOf(world, id)).toBe(before);
    expect(await slapd.canBind(slapd.dnOf('lena'), before)).toBe(true);
    await expect(world.call('device.trustHostKey', { deviceId, protocol: 'Telnet', fingerprint: slapd.fingerprint })).rejects.toThrow(/has no certificate to pin/);
    await world.call('device.trustHostKey', { deviceId, protocol: 'LDAP', fingerprint: slapd.fingerprint });
  }, 120_000);

  it('changes a password as an administrator (authentication credential)', async () => {
    await ldapCredential('pwadmin', 'admin-initial-1', { automatic_change: false });
    const id = await ldapCredential('mark', 'mark-initial-1', {
      change_plugin: 'LDAP',
      change_template: 'OpenLDAP - Change password as administrator',
      use_own_credential_to_connect: false,
      authentication_credential: 'ldap-pwadmin',
    });
    const op = await requestAndRun(world, 'operation.requestChange', id);
    expect(op.state, op.message ?? '').toBe('Success');
    expect(await slapd.canBind(slapd.dnOf('mark'), await secretOf(world, id))).toBe(true);
    expect(await slapd.canBind(slapd.dnOf('pwadmin'), 'admin-initial-1')).toBe(true);
  }, 120_000);

  it('reconciles a lost password through the administrator', async () => {
    const id = await ldapCredential('nora', 'not-what-the-directory-has', {
      change_plugin: 'LDAP',
      change_template: 'OpenLDAP - Change own password',
      reconciliation_credential: 'ldap-pwadmin',
      reconciliation_plugin: 'LDAP',
      reconciliation_template: 'OpenLDAP - Reconcile password as administrator',
    });
    const op = await requestAndRun(world, 'operation.requestReconcile', id);
    expect(op.state, op.message ?? '').toBe('Success');
    expect(await slapd.canBind(slapd.dnOf('nora'), await secretOf(world, id))).toBe(true);
    expect(await slapd.canBind(slapd.dnOf('nora'), 'nora-lost-1')).toBe(false);
  }, 120_000);
});
