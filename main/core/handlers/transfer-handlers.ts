import type { ImportProgress } from '../../../shared/contract/transfer-channels';
import { AppFailure } from '../../../shared/errors';
import { roleHasPermission } from '../../../shared/roles';
import { exportCredentials } from '../../export/export-credentials';
import { exportAttempts, exportOperations } from '../../export/export-operations';
import type { ImportPreviews } from '../../import/import-previews';
import { parseImportStreamed } from '../../import/parse-import';
import { commitImport, dryRunImport, type ImportDeps } from '../../import/run-import';
import type { EventBus } from '../../ipc/event-bus';
import type { CallContext, Handlers } from '../../ipc/handlers';
import type { Session } from '../../ipc/session';
import type { VaultSessions } from '../../session/vault-sessions';
import type { SettingsStore } from '../../settings/settings-store';
import { requireSession } from './require-session';

type TransferChannels = 'import.preview' | 'import.commit' | 'export.credentials' | 'export.operations' | 'export.attempts';

export interface TransferHandlerDeps {
  readonly sessions: VaultSessions;
  readonly previews: ImportPreviews;
  /** The approval expiry for requests an import files for highly critical credentials. */
  readonly settings: SettingsStore;
  readonly now: () => Date;
  /** Where a run's progress goes when the caller named it (progressId). */
  readonly events: EventBus;
}

/** The router checked credential.write; an import also creates devices, so it needs device.write. */
function importer(context: CallContext): Session {
  const session = requireSession(context);
  if (!roleHasPermission(session.role, 'device.write')) {
    throw new AppFailure('FORBIDDEN', `An import creates the devices it names, which a ${session.role} may not do: ask an administrator to import the file.`);
  }
  return session;
}

export function transferHandlers(deps: TransferHandlerDeps): Pick<Handlers, TransferChannels> {
  const { sessions, previews, now, settings, events } = deps;
  const progress = (progressId: string | undefined, step: ImportProgress['step']) =>
    progressId === undefined ? undefined : (done: number, total: number) => events.emit('import.progress', { progressId, step, done, total });
  const importDeps = (onProgress: ((done: number, total: number) => void) | undefined): ImportDeps => {
    const vault = sessions.vault();
    return { db: vault.database.db, cipher: vault.fields, now, ...(onProgress ? { onProgress } : {}) };
  };
  const db = () => sessions.vault().database.db;

  return {
    'import.preview': async (request, context) => {
      const session = importer(context);
      const { fileErrors, rows } = await parseImportStreamed(request.format, request.csvText, progress(request.progressId, 'read'));
      const preview = await dryRunImport(importDeps(progress(request.progressId, 'check')), request.format, rows, fileErrors);
      const pending = preview.errors.length === 0 ? previews.put(session.userId, request.format, rows) : null;
      await sessions.audit(session, 'import.preview', 'import', request.format, { format: request.format, ...preview.summary });
      return { ...preview, token: pending?.token ?? null, expiresAt: pending?.expiresAt ?? null };
    },
    'import.commit': async (request, context) => {
      const session = importer(context);
      const pending = previews.take(request.token, session.userId);
      if (!pending) throw new AppFailure('NOT_FOUND', 'This import preview has expired, was already used, or belongs to someone else: preview the file again.');
      const outcome = await commitImport(importDeps(progress(request.progressId, 'write')), pending.format, pending.rows, { userId: session.userId, username: session.username, shell: context.shell, approvalExpiryHours: settings.read().bulkApprovalExpiryHours });
      if (!outcome.ok) {
        await sessions.audit(session, 'import.failed', 'import', pending.format, { format: pending.format, errors: outcome.errors.length });
        throw new AppFailure('VALIDATION', `Nothing was imported: ${outcome.errors.length} row(s) failed when applied (the vault changed since the preview). Preview the file again to see them.`, {
          errors: outcome.errors,
        });
      }
      return outcome.summary;
    },
    'export.credentials': async (_request, context) => {
      const exported = await exportCredentials(db(), now());
      await sessions.audit(requireSession(context), 'export.credentials', 'export', 'credentials', { format: exported.format, count: exported.count });
      return exported;
    },
    'export.operations': async (request, context) => {
      const exported = await exportOperations(db(), request.filter, now());
      await sessions.audit(requireSession(context), 'export.operations', 'export', 'operations', { format: exported.format, count: exported.count, filter: JSON.parse(JSON.stringify(request.filter)) as never });
      return exported;
    },
    'export.attempts': async (request, context) => {
      const exported = await exportAttempts(db(), request.outcome, now());
      await sessions.audit(requireSession(context), 'export.attempts', 'export', 'attempts', { format: exported.format, count: exported.count, outcome: request.outcome ?? null });
      return exported;
    },
  };
}
