import type { Handlers } from '../../ipc/handlers';
import { trimHistoriesToPolicies } from '../../credentials/secret-history';
import { assignPolicy, listPolicies, policyForCredential, savePolicy } from '../../policies/policy-service';
import type { VaultSessions } from '../../session/vault-sessions';
import { requireSession } from './require-session';

type PolicyChannels = 'policy.list' | 'policy.save' | 'policy.assign' | 'policy.forCredential';

export function policyHandlers(sessions: VaultSessions): Pick<Handlers, PolicyChannels> {
  const db = () => sessions.vault().database.db;
  return {
    'policy.list': (request) => listPolicies(db(), request.archived),
    'policy.save': async (request, context) => {
      const session = requireSession(context);
      // A policy's history length or reach changed: histories are trimmed to it in the same write.
      const { saved } = await sessions.auditedWrite(
        session,
        async (trx) => ({ saved: await savePolicy(trx, request.id, request.input), historyTrimmed: await trimHistoriesToPolicies(trx) }),
        ({ saved, historyTrimmed }) => ({ action: request.id === undefined ? 'policy.create' : 'policy.update', objectType: 'policy', objectId: String(saved.id), details: { after: saved, historyTrimmed } }),
      );
      return saved;
    },
    'policy.assign': async (request, context) => {
      const session = requireSession(context);
      await sessions.auditedWrite(
        session,
        async (trx) => {
          await assignPolicy(trx, request.credentialIds, request.policyId);
          return trimHistoriesToPolicies(trx);
        },
        (historyTrimmed) => ({ action: 'policy.assign', objectType: 'policy', objectId: request.policyId === null ? undefined : String(request.policyId), details: { credentialIds: [...request.credentialIds], historyTrimmed } }),
      );
      return null;
    },
    'policy.forCredential': async (request) => {
      const match = await policyForCredential(db(), request.credentialId);
      return match ? { policy: match.policy, reason: match.reason } : { policy: null, reason: 'default' };
    },
  };
}
