import type { Kysely } from 'kysely';
import { approveBulkRequest, cancelBulkRequest, rejectBulkRequest, type DecisionDeps, type DecisionOutcome } from '../../bulk/bulk-decisions';
import { expireStaleBulkRequests } from '../../bulk/bulk-expiry';
import { previewBulk } from '../../bulk/bulk-preview';
import { getBulkRequest, listBulkRequests, listBulkTasks, pendingBulkCount } from '../../bulk/bulk-queries';
import { createBulkRequest } from '../../bulk/bulk-request';
import { resolveCredentialSelection } from '../../credentials/resolve-credential-selection';
import type { EventBus } from '../../ipc/event-bus';
import type { CallContext, Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import type { SettingsStore } from '../../settings/settings-store';
import type { VaultDatabase } from '../../vault/database/vault-schema';
import { requireSession } from './require-session';
import { credentialsDb } from './vault-access';

type BulkChannels = 'bulk.preview' | 'bulk.request' | 'bulk.list' | 'bulk.get' | 'bulk.tasks' | 'bulk.approve' | 'bulk.reject' | 'bulk.cancel' | 'bulk.pendingCount';

export interface BulkHandlerDeps {
  readonly sessions: VaultSessions;
  readonly settings: SettingsStore;
  readonly events: EventBus;
  readonly now: () => Date;
  /** Tells the windows and wakes the runner after an approved Expire scheduled changes. */
  readonly operationsChanged: (codes: readonly string[]) => Promise<void>;
}

/** Settles expiry and tells the windows which requests it expired; the core's timer calls it too. */
export async function expireBulkRequests(db: Kysely<VaultDatabase>, events: EventBus, now: Date): Promise<void> {
  for (const expired of await expireStaleBulkRequests(db, now)) events.emit('bulk.changed', { id: expired.id, code: expired.code, state: 'Expired' });
}

export function bulkHandlers(deps: BulkHandlerDeps): Pick<Handlers, BulkChannels> {
  const { sessions, events } = deps;
  const db = () => sessions.vault().database.db;
  const settle = () => expireBulkRequests(db(), events, deps.now());
  const decisionDeps = (context: CallContext): DecisionDeps => ({ db: db(), now: deps.now(), shell: context.shell, maxAttempts: deps.settings.read().runner.attempts });
  /** Expiry first (so a stale request is refused as Expired, and the windows hear of it), then the decision. */
  const decide = async (id: number, work: () => Promise<DecisionOutcome>): Promise<DecisionOutcome> => {
    await settle();
    const outcome = await work();
    events.emit('bulk.changed', { id, code: outcome.code, state: outcome.state });
    if (outcome.operations.length > 0) await deps.operationsChanged(outcome.operations);
    return outcome;
  };

  return {
    'bulk.preview': async (request) => previewBulk(credentialsDb(sessions), request.action, await resolveCredentialSelection(credentialsDb(sessions), request), request.changes),
    'bulk.request': async (request, context) => {
      const session = requireSession(context);
      const credentialIds = await resolveCredentialSelection(credentialsDb(sessions), request);
      const { action, changes } = request;
      const created = await createBulkRequest(db(), { action, credentialIds, ...(changes ? { changes } : {}) }, session, { now: deps.now(), expiryHours: deps.settings.read().bulkApprovalExpiryHours, shell: context.shell });
      events.emit('bulk.changed', { id: created.id, code: created.code, state: 'Pending approval' });
      return getBulkRequest(db(), session, created.id);
    },
    'bulk.list': async (request, context) => {
      await settle();
      return listBulkRequests(db(), requireSession(context), request);
    },
    'bulk.get': async (request, context) => {
      await settle();
      return getBulkRequest(db(), requireSession(context), request.ref);
    },
    'bulk.tasks': async (request, context) => {
      await settle();
      return listBulkTasks(db(), requireSession(context), request.ref, request);
    },
    'bulk.approve': (request, context) => decide(request.ref, () => approveBulkRequest(decisionDeps(context), request.ref, requireSession(context), request.justification)),
    'bulk.reject': (request, context) => decide(request.ref, () => rejectBulkRequest(decisionDeps(context), request.ref, requireSession(context), request.justification)),
    'bulk.cancel': (request, context) => decide(request.ref, () => cancelBulkRequest(decisionDeps(context), request.ref, requireSession(context))),
    'bulk.pendingCount': async (_request, context) => {
      await settle();
      return pendingBulkCount(db(), requireSession(context));
    },
  };
}
