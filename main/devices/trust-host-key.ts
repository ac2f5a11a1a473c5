import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/errors';
import { EXECUTORS, findExecutor } from '../../shared/domain/executors';
import { HOST_KEY_FINGERPRINT_PATTERN } from '../../shared/domain/device-input';
import type { DeviceView } from '../../shared/domain/device-view';
import { appendAudit } from '../audit/append-audit';
import type { AuditShell } from '../audit/audit-entry';
import { asCredentialsDb } from '../credentials/credentials-db';
import type { CredentialsTables } from '../credentials/credential-tables';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { getDevice } from './get-device';

/** Who trusts: the pin and its audit entry commit together, so no pin is ever left unaudited. */
export interface TrustedBy {
  readonly username: string;
  readonly shell: AuditShell;
}

/**
 * Pins the SSH host key a device must present. This is the explicit trust action: the caller shows
 * the fingerprint to a person (dialog or CLI flag); the decision is audited with the old and new key
 * in the transaction that pins it.
 */
export async function pinHostKey(db: Kysely<VaultDatabase>, deviceId: number, fingerprint: string, by: TrustedBy): Promise<{ before: string | null; after: DeviceView }> {
  if (!HOST_KEY_FINGERPRINT_PATTERN.test(fingerprint)) {
    throw new AppFailure('VALIDATION', `"${fingerprint}" is not an SSH host-key fingerprint: it looks like SHA256: followed by 43 base64 characters (ssh-keygen -lf prints it).`);
  }
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('devices').select('host_key_fingerprint').where('id', '=', deviceId).executeTakeFirst();
    if (!before) throw new AppFailure('NOT_FOUND', `No device has id ${deviceId}.`);
    await trx.updateTable('devices').set({ host_key_fingerprint: fingerprint, updated_at: new Date().toISOString() }).where('id', '=', deviceId).execute();
    const after = await getDevice(asCredentialsDb<VaultDatabase>(trx), { id: deviceId });
    if (!after) throw new AppFailure('NOT_FOUND', `No device has id ${deviceId}.`);
    await appendAudit(trx, { actor: by.username, shell: by.shell, action: 'device.trust_host_key', objectType: 'device', objectId: String(after.id), details: { hostname: after.hostname, before: before.host_key_fingerprint, after: fingerprint } });
    return { before: before.host_key_fingerprint, after };
  });
}

/**
 * Pins the TLS certificate a device must present for a protocol that is not SSH (LDAP): the same
 * explicit trust action as for a host key, per device and per protocol, audited in the same
 * transaction with the old and new fingerprint. `protocol` names a registered executor that does not run a terminal.
 */
export async function pinCertificate(db: Kysely<VaultDatabase>, deviceId: number, protocol: string, fingerprint: string, by: TrustedBy): Promise<{ before: string | null; after: DeviceView; protocol: string }> {
  const executor = findExecutor(protocol);
  if (executor === undefined || executor.terminal) {
    const tls = EXECUTORS.filter((e) => !e.terminal).map((e) => e.name);
    throw new AppFailure('VALIDATION', `"${protocol}" has no certificate to pin: choose ${tls.join(', ')} (an SSH host key is trusted without --protocol; Telnet has nothing to pin).`);
  }
  if (!HOST_KEY_FINGERPRINT_PATTERN.test(fingerprint)) {
    throw new AppFailure('VALIDATION', `"${fingerprint}" is not a certificate fingerprint: it looks like SHA256: followed by 43 base64 characters, as the failed run reported it.`);
  }
  const name = executor.name.toUpperCase();
  return db.transaction().execute(async (trx) => {
    const device = await trx.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst();
    if (!device) throw new AppFailure('NOT_FOUND', `No device has id ${deviceId}.`);
    const before = await trx.selectFrom('device_certificate_pins').select('fingerprint').where('device_id', '=', deviceId).where('protocol', '=', name).executeTakeFirst();
    const now = new Date().toISOString();
    await trx
      .insertInto('device_certificate_pins')
      .values({ device_id: deviceId, protocol: name, fingerprint, pinned_at: now })
      .onConflict((oc) => oc.columns(['device_id', 'protocol']).doUpdateSet({ fingerprint, pinned_at: now }))
      .execute();
    await trx.updateTable('devices').set({ updated_at: now }).where('id', '=', deviceId).execute();
    const after = await getDevice(asCredentialsDb<VaultDatabase>(trx), { id: deviceId });
    if (!after) throw new AppFailure('NOT_FOUND', `No device has id ${deviceId}.`);
    await appendAudit(trx, { actor: by.username, shell: by.shell, action: 'device.trust_certificate', objectType: 'device', objectId: String(after.id), details: { hostname: after.hostname, protocol: name, before: before?.fingerprint ?? null, after: fingerprint } });
    return { before: before?.fingerprint ?? null, after, protocol: name };
  });
}

/** A device's pinned certificates, by protocol in upper case ("LDAP"). */
export async function certificatePins(db: Kysely<CredentialsTables>, deviceId: number): Promise<Readonly<Record<string, string>>> {
  const rows = await db.selectFrom('device_certificate_pins').select(['protocol', 'fingerprint']).where('device_id', '=', deviceId).execute();
  return Object.fromEntries(rows.map((r) => [r.protocol, r.fingerprint]));
}
