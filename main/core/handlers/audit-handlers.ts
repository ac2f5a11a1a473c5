import { exportAudit } from '../../audit/export-audit';
import { listAuditEntries } from '../../audit/list-audit-entries';
import { verifyAuditTrail } from '../../audit/verify-audit-chain';
import { auditAnchors, witnessCurrentHead } from '../../audit/witness-keeper';
import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import type { KeyValueStore } from '../../settings/settings-store';
import { requireSession } from './require-session';

export function auditHandlers(sessions: VaultSessions, now: () => Date, witnesses: KeyValueStore): Pick<Handlers, 'audit.list' | 'audit.verify' | 'audit.export'> {
  return {
    'audit.list': (request) => {
      const { limit, beforeId, ...filter } = request;
      return listAuditEntries(sessions.vault().database.db, filter, { limit, beforeId });
    },
    'audit.verify': async (request, context) => {
      const session = requireSession(context);
      const vault = sessions.vault();
      // The key file and the witnessed heads live outside the database, so an edit of the
      // database alone (with any slot's key) cannot make them agree with it.
      const anchors = await auditAnchors(vault.keys.dataDir, witnesses);
      const { verdict, signatures } = await verifyAuditTrail(vault.database.db, anchors, { everySignature: request.everySignature === true, driver: vault.database.driver });
      if (!verdict.ok) return { ...verdict, count: verdict.firstBrokenId - 1 };
      await witnessCurrentHead(vault, witnesses, session.username, now());
      return { ...verdict, signatures };
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
