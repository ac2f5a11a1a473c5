import { listDevices } from '../../devices/get-device';
import { pinHostKey } from '../../devices/trust-host-key';
import { upsertDevice } from '../../devices/upsert-device';
import { listDomains, registerDomain } from '../../domains/register-domain';
import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import { translatingRuleErrors } from './api-rule-failure';
import { requireSession } from './require-session';
import { credentialsDb } from './vault-access';

type DeviceChannels = 'device.list' | 'device.upsert' | 'device.trustHostKey' | 'domain.list' | 'domain.add';

export function deviceHandlers(sessions: VaultSessions): Pick<Handlers, DeviceChannels> {
  return {
    'device.list': () => listDevices(credentialsDb(sessions)),
    'device.upsert': async (request, context) => {
      const session = requireSession(context);
      const result = await translatingRuleErrors(() => upsertDevice(credentialsDb(sessions), request));
      await sessions.audit(session, result.action === 'created' ? 'device.create' : 'device.update', 'device', String(result.after.id), {
        before: result.before ?? null,
        after: result.after,
      } as never);
      return result.after;
    },
    'device.trustHostKey': async (request, context) => {
      const session = requireSession(context);
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
