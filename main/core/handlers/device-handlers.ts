import { AppFailure } from '../../../shared/errors';
import { asCredentialsDb } from '../../credentials/credentials-db';
import { findExecutor } from '../../../shared/domain/executors';
import { getDevice, listDevices } from '../../devices/get-device';
import { probeHostKey } from '../../executors/ssh/probe-host-key';
import { probeLdapCertificate } from '../../devices/probe-certificate';
import { pinCertificate, pinHostKey } from '../../devices/trust-host-key';
import { upsertDevice } from '../../devices/upsert-device';
import { listDomains, registerDomain } from '../../domains/register-domain';
import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import { translatingRuleErrors } from './api-rule-failure';
import { requireSession } from './require-session';
import { credentialsDb } from './vault-access';

type DeviceChannels = 'device.list' | 'device.upsert' | 'device.probeHostKey' | 'device.trustHostKey' | 'domain.list' | 'domain.add';

export function deviceHandlers(sessions: VaultSessions): Pick<Handlers, DeviceChannels> {
  return {
    'device.list': (request) => listDevices(credentialsDb(sessions), request.archived),
    'device.upsert': async (request, context) => {
      const session = requireSession(context);
      const result = await translatingRuleErrors(() =>
        sessions.auditedWrite(
          session,
          (trx) => upsertDevice(asCredentialsDb(trx), request),
          (written) => ({ action: written.action === 'created' ? 'device.create' : 'device.update', objectType: 'device', objectId: String(written.after.id), details: { before: written.before ?? null, after: written.after } as never }),
        ),
      );
      return result.after;
    },
    'device.probeHostKey': async (request) => {
      const device = await getDevice(credentialsDb(sessions), { id: request.deviceId });
      if (!device) throw new AppFailure('NOT_FOUND', `No device has id ${request.deviceId}.`);
      if (request.protocol !== undefined && request.protocol.toUpperCase() !== 'SSH') {
        if (findExecutor(request.protocol)?.name !== 'LDAP') throw new AppFailure('VALIDATION', `pamdesk cannot check the certificate of "${request.protocol}" here: choose SSH or LDAP.`);
        return probeLdapCertificate(device);
      }
      const port = device.connectivities.find((c) => c.protocol.toUpperCase() === 'SSH')?.port ?? 22;
      const probe = await probeHostKey(device.ip, port);
      if (!probe.ok) throw new AppFailure('VALIDATION', probe.failure.message);
      return { fingerprint: probe.fingerprint, keyType: probe.keyType, pinned: device.host_key_fingerprint, matches: device.host_key_fingerprint === probe.fingerprint };
    },
    'device.trustHostKey': async (request, context) => {
      const session = requireSession(context);
      const by = { username: session.username, shell: context.shell };
      // Pinned and audited in one transaction.
      if (request.protocol !== undefined && request.protocol.toUpperCase() !== 'SSH') {
        return (await pinCertificate(sessions.vault().database.db, request.deviceId, request.protocol, request.fingerprint, by)).after;
      }
      return (await pinHostKey(sessions.vault().database.db, request.deviceId, request.fingerprint, by)).after;
    },
    'domain.list': () => listDomains(credentialsDb(sessions)),
    'domain.add': async (request, context) => {
      const session = requireSession(context);
      return translatingRuleErrors(() =>
        sessions.auditedWrite(
          session,
          (trx) => registerDomain(asCredentialsDb(trx), request.description === undefined ? { name: request.name } : { name: request.name, description: request.description }),
          (domain) => ({ action: 'domain.create', objectType: 'domain', objectId: String(domain.id), details: { after: domain } as never }),
        ),
      );
    },
  };
}
