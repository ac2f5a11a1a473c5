import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVaultWorld, type VaultWorld } from '../../support/runner-world';
import { needsTool } from '../../support/needs-tool';
import { freeLoopbackPort } from '../../support/targets/free-port';
import { isSlapdInstalled, SLAPD_SKIP_REASON, startSlapd, type SlapdTarget } from '../../support/targets/slapd';
import { useTempDirs } from '../../support/temp-dir';

/**
 * The trust dialog's certificate check through the IPC handler, against a real slapd: the probe
 * reads the certificate without a pin (nothing sent), reports the device's LDAP pin, and after the
 * trust action it matches. LDAPS and StartTLS reach the same certificate by the runner's port rule.
 */
const tempDir = useTempDirs();
const gate = needsTool(isSlapdInstalled(), SLAPD_SKIP_REASON);
let world: VaultWorld;
let slapd: SlapdTarget;

describe.skipIf(gate.skip)(gate.title('device.probeHostKey with protocol LDAP, against a real slapd'), () => {
  beforeAll(async () => {
    world = await startVaultWorld(tempDir());
    slapd = await startSlapd({ accounts: [{ cn: 'lena', password: 'lena-initial-1' }] });
  }, 60_000);
  afterAll(async () => {
    await slapd?.stop();
    await world?.close();
  });

  it('returns the LDAPS certificate unpinned, then matches once trusted; the device view lists the pin', async () => {
    const device = await world.call('device.upsert', { hostname: 'ldaps-target', ip: slapd.host, connectivities: `LDAPS:${slapd.ldapsPort}` });
    expect(device.certificate_pins).toEqual({});
    const first = await world.call('device.probeHostKey', { deviceId: device.id, protocol: 'LDAP' });
    expect(first).toEqual({ fingerprint: slapd.fingerprint, keyType: 'TLS certificate', pinned: null, matches: false });

    const trusted = await world.call('device.trustHostKey', { deviceId: device.id, protocol: 'LDAP', fingerprint: first.fingerprint });
    expect(trusted.certificate_pins).toEqual({ LDAP: slapd.fingerprint });
    expect(trusted.host_key_fingerprint).toBeNull();
    const again = await world.call('device.probeHostKey', { deviceId: device.id, protocol: 'ldap' });
    expect(again).toEqual({ fingerprint: slapd.fingerprint, keyType: 'TLS certificate', pinned: slapd.fingerprint, matches: true });
    const listed = (await world.call('device.list', {})).find((d) => d.id === device.id);
    expect(listed?.certificate_pins).toEqual({ LDAP: slapd.fingerprint });
  }, 60_000);

  it('reads the same certificate through StartTLS on an LDAP:port connectivity', async () => {
    const device = await world.call('device.upsert', { hostname: 'starttls-target', ip: slapd.host, connectivities: `LDAP:${slapd.ldapPort}` });
    const probe = await world.call('device.probeHostKey', { deviceId: device.id, protocol: 'LDAP' });
    expect(probe).toMatchObject({ fingerprint: slapd.fingerprint, pinned: null, matches: false });
  }, 60_000);

  it('an unreachable service and a protocol without a certificate check are validation failures', async () => {
    const closed = await freeLoopbackPort();
    const device = await world.call('device.upsert', { hostname: 'nothing-there', ip: '127.0.0.1', connectivities: `LDAPS:${closed}` });
    await expect(world.call('device.probeHostKey', { deviceId: device.id, protocol: 'LDAP' })).rejects.toThrow(/VALIDATION .*127\.0\.0\.1/);
    await expect(world.call('device.probeHostKey', { deviceId: device.id, protocol: 'Telnet' })).rejects.toThrow(/VALIDATION .*choose SSH or LDAP/);
  }, 60_000);
});
