import { AppFailure } from '../../../shared/errors';
import { appendAudit } from '../../audit/append-audit';
import { resetCredential } from '../../credentials/reset-credential';
import { listSecretHistory, openHistoryEntry } from '../../credentials/secret-history';
import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import type { SettingsStore } from '../../settings/settings-store';
import { requireSession } from './require-session';

type HistoryChannels = 'credential.history' | 'credential.revealHistory' | 'credential.restoreHistory';

/** Password history: list (metadata only), reveal one entry (audited in its read), restore one (a vault-only reset). */
export function credentialHistoryHandlers(
  sessions: VaultSessions,
  settings: SettingsStore,
  operationsChanged: (codes: readonly string[]) => Promise<void>,
): Pick<Handlers, HistoryChannels> {
  return {
    'credential.history': async (request) => {
      const db = sessions.vault().database.db;
      const exists = await db.selectFrom('credentials').select('id').where('id', '=', request.id).executeTakeFirst();
      if (!exists) throw new AppFailure('NOT_FOUND', `No credential has the id ${request.id}.`);
      return listSecretHistory(db, request.id);
    },

    // The read and its audit entry share one transaction: a reveal that is not on record does not
    // happen. It is not counted as a view of the credential (view_count drives the policy's change
    // after viewing, and the current secret was not shown).
    'credential.revealHistory': async (request, context) => {
      const session = requireSession(context);
      const vault = sessions.vault();
      return vault.database.db.transaction().execute(async (trx) => {
        const opened = await openHistoryEntry(trx, vault.fields, request.entryId);
        await appendAudit(trx, {
          actor: session.username,
          shell: context.shell,
          action: 'credential.reveal_history',
          objectType: 'credential',
          objectId: String(opened.entry.credentialId),
          details: { identifier: opened.identifier, field: 'content', historyEntry: opened.entry.id, replacedAt: opened.entry.replacedAt },
        });
        return { secret: opened.secret, entry: opened.entry };
      });
    },

    // Through the reset's own function, so its checks (kind, control characters, InSync loss) and
    // whatever approval it applies to the credential are the same as for a typed reset.
    'credential.restoreHistory': async (request, context) => {
      const session = requireSession(context);
      const vault = sessions.vault();
      const opened = await openHistoryEntry(vault.database.db, vault.fields, request.entryId);
      const result = await resetCredential(
        { db: vault.database.db, fields: vault.fields, actor: session.username, shell: context.shell, maxAttempts: settings.read().runner.attempts, now: new Date(), restoring: { historyEntryId: opened.entry.id } },
        { id: opened.entry.credentialId, kind: opened.kind, secret: opened.secret, changeOnTarget: false, acceptInSyncLoss: request.acceptInSyncLoss },
      );
      await operationsChanged([result.mode === 'target' ? result.operationCode : result.verifyOperationCode].filter((code): code is string => code !== null));
      return result;
    },
  };
}
