import { auditQuery, toAuditView } from '../../audit/audit-query';
import { exportAudit } from '../../audit/export-audit';
import { verifyAuditChain } from '../../audit/verify-audit-chain';
import { auditAnchors, witnessCurrentHead } from '../../audit/witness-keeper';
import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import type { KeyValueStore } from '../../settings/settings-store';
import { requireSession } from './require-session';

export function auditHandlers(sessions: VaultSessions, now: () => Date, witnesses: KeyValueStore): Pick<Handlers, 'audit.list' | 'audit.verify' | 'audit.export'> {
  return {
    'audit.list': async (request) => {
      const { limit, beforeId, ...filter } = request;
      let query = auditQuery(sessions.vault().database.db, filter).selectAll().orderBy('id', 'desc').limit(limit);
      if (beforeId !== undefined) query = query.where('id', '<', beforeId);
      return (await query.execute()).map(toAuditView);
    },
    'audit.verify': async (_request, context) => {
      const session = requireSession(context);
      const vault = sessions.vault();
      // The key file and the witnessed heads live outside the database, so an edit of the
      // database alone (with any slot's key) cannot make them agree with it.
      const verdict = await verifyAuditChain(vault.database.db, await auditAnchors(vault.keys.dataDir, witnesses));
      if (!verdict.ok) return { ...verdict, count: verdict.firstBrokenId - 1 };
      await witnessCurrentHead(vault, witnesses, session.username, now());
      return verdict;
    },
    'audit.export': async (request, context) => {
      const session = requireSession(context);
      const exported = await exportAudit(sessions.vault().database.db, request.format, request.filters, now());
      // Recorded after the export, so the file does not contain its own entry.
      await sessions.audit(session, 'audit.export', 'audit', undefined, { format: request.format, filters: request.filters, count: exported.count });
      return exported;
    },
  };
}
