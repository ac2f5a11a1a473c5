import { AppFailure } from '../../shared/errors';
import { executorEndpoint, findExecutor } from '../../shared/domain/executors';
import type { DeviceView } from '../../shared/domain/device-view';
import { connectHost } from '../../shared/domain/network-address';
import { openLdapConnection } from '../executors/ldap/ldap-connection';

const PROBE_TIMEOUT_MS = 5_000;

/**
 * Reads the TLS certificate a device's LDAP service presents, for the trust dialog: the same
 * connection the runner opens (same port and implicit-TLS rule), but with no pin, so it stops at
 * "not trusted yet" with the presented fingerprint before anything is sent (no bind). Anything else
 * (unreachable, StartTLS refused) is a VALIDATION failure with the connection's message.
 */
export async function probeLdapCertificate(device: DeviceView): Promise<{ readonly fingerprint: string; readonly keyType: string; readonly pinned: string | null; readonly matches: boolean }> {
  const ldap = findExecutor('LDAP');
  if (ldap === undefined) throw new Error('The LDAP executor is not registered.');
  const endpoint = executorEndpoint(ldap, device.connectivities);
  const connection = await openLdapConnection(
    { host: connectHost(device.ip), port: endpoint.port, pinnedFingerprint: null, ...(endpoint.implicitTls ? { implicitTls: true } : {}) },
    { connectTimeoutMs: PROBE_TIMEOUT_MS, operationTimeoutMs: PROBE_TIMEOUT_MS },
  );
  if (connection.ok) {
    // Cannot happen without a pin; close it unused rather than trust it.
    await connection.client.unbind().catch(() => undefined);
    throw new AppFailure('VALIDATION', `The LDAP service of ${device.hostname} was accepted without a pin; its certificate could not be read.`);
  }
  const { failure } = connection;
  if (failure.kind !== 'host-key-untrusted' || failure.presentedFingerprint === undefined) throw new AppFailure('VALIDATION', failure.message);
  const pinned = device.certificate_pins[ldap.name.toUpperCase()] ?? null;
  return { fingerprint: failure.presentedFingerprint, keyType: 'TLS certificate', pinned, matches: pinned === failure.presentedFingerprint };
}
