import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * The TLS certificate a device must present per protocol (LDAP now; any executor that speaks TLS
 * later), pinned like its SSH host key (devices.host_key_fingerprint): SHA-256 over the leaf
 * certificate's DER, written "SHA256:" + base64 as OpenSSH writes fingerprints. One row per device
 * and protocol, because a device may serve SSH and LDAP with different keys. Not secret (a
 * fingerprint is public), so not sealed, as host_key_fingerprint is not. `protocol` is the
 * executor's name in upper case (shared/domain/executors.ts).
 */
export const migration0018DeviceCertificatePins: Migration = {
  id: 18,
  name: 'device-certificate-pins',
  async up(db) {
    await sql`CREATE TABLE device_certificate_pins (
      device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
      protocol TEXT NOT NULL CHECK (protocol = upper(protocol) AND length(protocol) BETWEEN 1 AND 32),
      fingerprint TEXT NOT NULL CHECK (fingerprint LIKE 'SHA256:%'),
      pinned_at TEXT NOT NULL,
      PRIMARY KEY (device_id, protocol)
    )`.execute(db);
  },
};
