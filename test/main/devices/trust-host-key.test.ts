import { describe, expect, it } from 'vitest';
import { pinCertificate, pinHostKey } from '../../../main/devices/trust-host-key';
import { getDevice } from '../../../main/devices/get-device';
import { upsertDevice } from '../../../main/devices/upsert-device';
import { asCredentialsDb } from '../../../main/credentials/credentials-db';
import type { VaultDatabase } from '../../../main/vault/database/vault-schema';
import { useScratchVaultDatabase } from '../../support/scratch-vault-database';

const openDatabase = useScratchVaultDatabase();
const FINGERPRINT = `SHA256:${'A'.repeat(43)}`;
const ADMIN = { username: 'admin', shell: 'cli' } as const;

async function auditActions(db: Parameters<typeof pinHostKey>[0]): Promise<string[]> {
  return (await db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((row) => row.action);
}

describe('trusting a host key or a certificate', () => {
  it('writes the pin and its audit entry together, with the old and new fingerprint', async () => {
    const { db } = await openDatabase();
    const device = await upsertDevice(asCredentialsDb<VaultDatabase>(db), { hostname: 'dir01', ip: '10.0.0.9', connectivities: 'SSH:22,LDAPS:636' });
    await pinHostKey(db, device.after.id, FINGERPRINT, ADMIN);
    await pinCertificate(db, device.after.id, 'LDAP', FINGERPRINT, ADMIN);
    expect(await auditActions(db)).toEqual(['device.trust_host_key', 'device.trust_certificate']);
    const entry = await db.selectFrom('audit_log').select(['actor', 'details']).where('action', '=', 'device.trust_certificate').executeTakeFirstOrThrow();
    expect(entry.actor).toBe('admin');
    expect(JSON.parse(entry.details ?? '{}')).toMatchObject({ hostname: 'dir01', protocol: 'LDAP', before: null, after: FINGERPRINT });
  });

  it('pins nothing when its audit entry cannot be written: no trust decision goes unrecorded', async () => {
    const { db } = await openDatabase();
    const device = await upsertDevice(asCredentialsDb<VaultDatabase>(db), { hostname: 'dir02', ip: '10.0.0.10', connectivities: 'LDAPS:636' });
    const nobody = { username: ' ', shell: 'cli' } as const;
    await expect(pinHostKey(db, device.after.id, FINGERPRINT, nobody)).rejects.toThrow(/needs an actor/);
    await expect(pinCertificate(db, device.after.id, 'LDAP', FINGERPRINT, nobody)).rejects.toThrow(/needs an actor/);
    const after = await getDevice(asCredentialsDb<VaultDatabase>(db), { id: device.after.id });
    expect(after?.host_key_fingerprint).toBeNull();
    expect(after?.certificate_pins).toEqual({});
    expect(await auditActions(db)).toEqual([]);
  });
});
