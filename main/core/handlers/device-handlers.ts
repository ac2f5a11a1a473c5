import { AppFailure } from '../../../shared/errors';
import { getDevice, listDevices } from '../../devices/get-device';
import { probeHostKey } from '../../executors/ssh/probe-host-key';
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
      const result = await translatingRuleErrors(() => upsertDevice(credentialsDb(sessions), request));
      await sessions.audit(session, result.action === 'created' ? 'device.create' : 'device.update', 'device', String(result.after.id), {
        before: result.before ?? null,
        after: result.after,
      } as never);
      return result.after;
    },
    'device.probeHostKey': async (request) => {
      const device = await getDevice(credentialsDb(sessions), { id: request.deviceId });
      if (!device) throw new AppFailure('NOT_FOUND', `No device has id ${request.deviceId}.`);
      const port = device.connectivities.find((c) => c.protocol.toUpperCase() === 'SSH')?.port ?? 22;
      const probe = await probeHostKey(device.ip, port);
      if (!probe.ok) throw new AppFailure('VALIDATION', probe.failure.message);
      return { fingerprint: probe.fingerprint, keyType: probe.keyType, pinned: device.host_key_fingerprint, matches: device.host_key_fingerprint === probe.fingerprint };
    },
    'device.trustHostKey': async (request, context) => {
      const session = requireSession(context);
      if (request.protocol !== undefined && request.protocol.toUpperCase() !== 'SSH') {
        const pinned = await pinCertificate(credentialsDb(sessions), request.deviceId, request.protocol, request.fingerprint);
        await sessions.audit(session, 'device.trust_certificate', 'device', String(pinned.after.id), { hostname: pinned.after.hostname, protocol: pinned.protocol, before: pinned.before, after: request.fingerprint });
        return pinned.after;
      }
      const { before, after } = await pinHostKey(credentialsDb(sessions), request.deviceId, request.fingerprint);
      await sessions.audit(session, 'device.trust_host_key', 'device', String(after.id), { hostname: after.hostname, before, after: request.fingerprint });
      return after;
    },
    'domain.list': () => listDomains(credentialsDb(sessions)),
    'domain.add': async (request, context) => {
      const session = requireSession(context);
      const domain = await translatingRuleErrors(() =>
        registerDomain(credentialsDb(sessions), request.description === undefined ? { name: request.name } : { name: request.name, description: request.description }),
      );
      await sessions.audit(session, 'domain.create', 'domain', String(domain.id), { after: domain } as never);
      return domain;
    },
  };
}
