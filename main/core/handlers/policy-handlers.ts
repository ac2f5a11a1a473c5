import type { Handlers } from '../../ipc/handlers';
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
      return sessions.auditedWrite(
        session,
        (trx) => savePolicy(trx, request.id, request.input),
        (saved) => ({ action: request.id === undefined ? 'policy.create' : 'policy.update', objectType: 'policy', objectId: String(saved.id), details: { after: saved } }),
      );
    },
    'policy.assign': async (request, context) => {
      const session = requireSession(context);
      await sessions.auditedWrite(
        session,
        (trx) => assignPolicy(trx, request.credentialIds, request.policyId),
        () => ({ action: 'policy.assign', objectType: 'policy', objectId: request.policyId === null ? undefined : String(request.policyId), details: { credentialIds: [...request.credentialIds] } }),
      );
      return null;
    },
    'policy.forCredential': async (request) => {
      const match = await policyForCredential(db(), request.credentialId);
      return match ? { policy: match.policy, reason: match.reason } : { policy: null, reason: 'default' };
    },
  };
}
