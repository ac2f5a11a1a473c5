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
      const saved = await savePolicy(db(), request.id, request.input);
      await sessions.audit(session, request.id === undefined ? 'policy.create' : 'policy.update', 'policy', String(saved.id), { after: saved });
      return saved;
    },
    'policy.assign': async (request, context) => {
      const session = requireSession(context);
      await assignPolicy(db(), request.credentialIds, request.policyId);
      await sessions.audit(session, 'policy.assign', 'policy', request.policyId === null ? undefined : String(request.policyId), { credentialIds: [...request.credentialIds] });
      return null;
    },
    'policy.forCredential': async (request) => {
      const match = await policyForCredential(db(), request.credentialId);
      return match ? { policy: match.policy, reason: match.reason } : { policy: null, reason: 'default' };
    },
  };
}
