import { AppFailure } from '../../../shared/errors';
import type { Handlers } from '../../ipc/handlers';
import { decideOperation } from '../../runner/operation-approvals';
import { getOperation, listAttempts, listOperations, operationAttempts } from '../../runner/operation-queries';
import { revealCandidate, settleByHand, settleByReconcile } from '../../runner/settle-by-hand';
import { cancelOperation, requestChanges, requestReconciliations, requestVerifications, restartOperation, runOperationNow } from '../../runner/operation-requests';
import type { VaultSessions } from '../../session/vault-sessions';
import type { SettingsStore } from '../../settings/settings-store';
import { resolveCredentialSelection } from '../../credentials/resolve-credential-selection';
import { requireSession } from './require-session';
import { credentialsDb } from './vault-access';

type OperationChannels =
  | 'operation.requestChange'
  | 'operation.requestVerify'
  | 'operation.requestReconcile'
  | 'operation.list'
  | 'operation.get'
  | 'operation.attempts'
  | 'attempt.list'
  | 'operation.approve'
  | 'operation.reject'
  | 'operation.cancel'
  | 'operation.restart'
  | 'operation.now'
  | 'operation.settle'
  | 'operation.settleByReconcile'
  | 'operation.revealCandidate';

export interface OperationHandlerDeps {
  readonly sessions: VaultSessions;
  readonly settings: SettingsStore;
  readonly now: () => Date;
  /** Wakes the runner (if this shell runs one) and tells the windows that operations changed. */
  readonly changed: (codes: readonly string[]) => Promise<void>;
}

export function operationHandlers(deps: OperationHandlerDeps): Pick<Handlers, OperationChannels> {
  const { sessions } = deps;
  const db = () => sessions.vault().database.db;
  const view = async (code: string) => {
    const operation = await getOperation(db(), code);
    if (!operation) throw new AppFailure('NOT_FOUND', `No operation has code ${code}.`);
    return operation;
  };
  const requester = (username: string) => ({ username, maxAttempts: deps.settings.read().runner.attempts, now: deps.now() });
  const settler = (username: string, shell: Parameters<typeof settleByHand>[0]['shell']) => {
    const vault = sessions.vault();
    return { db: vault.database.db, fields: vault.fields, actor: username, shell, now: deps.now(), maxAttempts: deps.settings.read().runner.attempts };
  };

  return {
    'operation.requestChange': async (request, context) => {
      const session = requireSession(context);
      const credentialIds = await resolveCredentialSelection(credentialsDb(sessions), request);
      const result = await sessions.auditedWrite(
        session,
        (trx) => requestChanges(trx, credentialIds, requester(session.username)),
        (requested) => {
          // A selection by query is recorded as the query the user chose, beside what it scheduled.
          const details = { scheduled: [...requested.scheduled], refused: requested.refused.length };
          return { action: 'operation.request_change', objectType: 'credential', details: request.matching ? { ...details, matching: JSON.parse(JSON.stringify(request.matching)) as never } : details };
        },
      );
      await deps.changed(result.scheduled.map((s) => s.code));
      return result;
    },
    'operation.requestVerify': async (request, context) => {
      const session = requireSession(context);
      const result = await sessions.auditedWrite(
        session,
        (trx) => requestVerifications(trx, request.credentialIds, requester(session.username)),
        (requested) => ({ action: 'operation.request_verify', objectType: 'credential', details: { scheduled: [...requested.scheduled] } }),
      );
      await deps.changed(result.scheduled.map((s) => s.code));
      return result;
    },
    'operation.requestReconcile': async (request, context) => {
      const session = requireSession(context);
      const result = await requestReconciliations(db(), request.credentialIds, { ...requester(session.username), shell: context.shell });
      await deps.changed(result.scheduled.map((s) => s.code));
      return result;
    },
    'operation.list': (request) => listOperations(db(), request),
    'operation.get': (request) => view(request.code),
    'operation.attempts': async (request) => {
      await view(request.code);
      return operationAttempts(db(), request.code);
    },
    'attempt.list': (request) => listAttempts(db(), request),
    'operation.approve': async (request, context) => {
      const session = requireSession(context);
      await decideOperation(db(), { ...request, approver: session, shell: context.shell, now: deps.now(), expiryHours: deps.settings.read().bulkApprovalExpiryHours }, true);
      await deps.changed([request.code]);
      return view(request.code);
    },
    'operation.reject': async (request, context) => {
      const session = requireSession(context);
      await decideOperation(db(), { ...request, approver: session, shell: context.shell, now: deps.now(), expiryHours: deps.settings.read().bulkApprovalExpiryHours }, false);
      await deps.changed([request.code]);
      return view(request.code);
    },
    'operation.cancel': async (request, context) => {
      const session = requireSession(context);
      await sessions.auditedWrite(session, (trx) => cancelOperation(trx, request.code, { username: session.username, role: session.role }, deps.now()), () => ({ action: 'operation.cancel', objectType: 'operation', objectId: request.code }));
      await deps.changed([request.code]);
      return view(request.code);
    },
    'operation.restart': async (request, context) => {
      const session = requireSession(context);
      await sessions.auditedWrite(session, (trx) => restartOperation(trx, request.code, deps.now()), () => ({ action: 'operation.restart', objectType: 'operation', objectId: request.code }));
      await deps.changed([request.code]);
      return view(request.code);
    },
    // Each settlement is audited inside its own transaction (see settle-by-hand.ts).
    'operation.settle': async (request, context) => {
      const session = requireSession(context);
      await settleByHand(settler(session.username, context.shell), request.code, request.targetHolds);
      await deps.changed([request.code]);
      return view(request.code);
    },
    'operation.settleByReconcile': async (request, context) => {
      const session = requireSession(context);
      const { reconcileCode } = await settleByReconcile(settler(session.username, context.shell), request.code);
      await deps.changed([request.code, reconcileCode]);
      return { operation: await view(request.code), reconcileCode };
    },
    'operation.revealCandidate': async (request, context) => {
      const session = requireSession(context);
      const secret = await revealCandidate(settler(session.username, context.shell), request.code);
      return { secret, clipboardClearSeconds: deps.settings.read().clipboardClearSeconds };
    },
    'operation.now': async (request, context) => {
      const session = requireSession(context);
      await sessions.auditedWrite(session, (trx) => runOperationNow(trx, request.code, deps.now()), () => ({ action: 'operation.run_now', objectType: 'operation', objectId: request.code }));
      await deps.changed([request.code]);
      return view(request.code);
    },
  };
}
