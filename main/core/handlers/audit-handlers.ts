import type { AuditEntryView } from '../../../shared/contract/audit';
import { verifyAuditChain } from '../../audit/verify-audit-chain';
import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';

export function auditHandlers(sessions: VaultSessions): Pick<Handlers, 'audit.list' | 'audit.verify'> {
  return {
    'audit.list': async (request) => {
      let query = sessions.vault().database.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(request.limit);
      if (request.beforeId !== undefined) query = query.where('id', '<', request.beforeId);
      if (request.actor) query = query.where('actor', '=', request.actor);
      if (request.action) query = query.where('action', 'like', `${request.action}%`);
      const rows = await query.execute();
      return rows.map(
        (row): AuditEntryView => ({
          id: row.id,
          at: row.at,
          actor: row.actor,
          shell: row.shell,
          action: row.action,
          objectType: row.object_type,
          objectId: row.object_id,
          details: JSON.parse(row.details) as unknown,
          hash: row.hash,
        }),
      );
    },
    'audit.verify': async () => {
      const verdict = await verifyAuditChain(sessions.vault().database.db);
      if (verdict.ok) return verdict;
      return { ...verdict, count: verdict.firstBrokenId - 1 };
    },
  };
}
