import type { Kysely } from 'kysely';
import type { ImportFormat, ImportPreview, ImportRowError, ImportSummary } from '../../shared/contract/transfer-channels';
import type { Shell } from '../../shared/shells';
import { appendAudit, appendAuditEntries } from '../audit/append-audit';
import type { NewAuditEntry } from '../audit/audit-entry';
import { fileHeldEdit } from '../bulk/held-edit-request';
import type { FieldCipher } from '../vault/field-cipher';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { applyImportRows, type AppliedPart, type ImportRun } from './apply-import';
import type { MappedRow } from './import-row';

/** Thrown inside the transaction to roll it back while carrying the run out. */
class RollBack extends Error {
  constructor(readonly run: ImportRun) {
    super('import rolled back');
  }
}

async function rolledBack(db: Kysely<VaultDatabase>, work: (trx: Kysely<VaultDatabase>) => Promise<ImportRun>, keep: (run: ImportRun) => boolean): Promise<{ readonly run: ImportRun; readonly kept: boolean }> {
  try {
    const run = await db.transaction().execute(async (trx) => {
      const result = await work(trx);
      if (!keep(result)) throw new RollBack(result);
      return result;
    });
    return { run, kept: true };
  } catch (error) {
    if (error instanceof RollBack) return { run: error.run, kept: false };
    throw error;
  }
}

export interface ImportDeps {
  readonly db: Kysely<VaultDatabase>;
  readonly cipher: FieldCipher;
  readonly now: () => Date;
  /** Rows judged so far out of all rows, several times a second on a large file. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What the commit would do, row by row: the real rules in a transaction that is always rolled back. */
export async function dryRunImport(deps: ImportDeps, format: ImportFormat, rows: readonly MappedRow[], fileErrors: readonly ImportRowError[]): Promise<Omit<ImportPreview, 'token' | 'expiresAt'>> {
  if (fileErrors.length > 0) return { format, summary: { rows: 0, create: 0, update: 0, skip: 0, errors: fileErrors.length, devicesCreated: 0 }, rows: [], errors: fileErrors };
  // Always rolled back, so the history entries it would keep are never stored: no user to name.
  const { run } = await rolledBack(deps.db, (trx) => applyImportRows(trx, deps.cipher, rows, deps.now, 'import preview', { ...progressOnly(deps), dryRun: true }), () => false);
  return { format, summary: run.summary, rows: run.rows, errors: run.errors };
}

export type CommitOutcome = { readonly ok: true; readonly summary: ImportSummary } | { readonly ok: false; readonly summary: ImportSummary; readonly errors: readonly ImportRowError[] };

/**
 * All or nothing, in one transaction with its audit entries: each device created, each credential
 * created or updated (before/after without secrets, as the upsert records them), and the import
 * itself. If any row fails now (the vault moved since the preview), nothing is kept.
 */
/** Who imports; approval requests for highly critical credentials are theirs (issue 11). */
export interface ImportActor {
  readonly userId: string;
  readonly username: string;
  readonly shell: Shell;
  readonly approvalExpiryHours: number;
}

export async function commitImport(deps: ImportDeps, format: ImportFormat, rows: readonly MappedRow[], actor: ImportActor): Promise<CommitOutcome> {
  const { run, kept } = await rolledBack(
    deps.db,
    async (trx) => {
      // Each step's entries go in as it is written; if a later row fails, the rollback takes them
      // with everything else.
      const audit = async (part: AppliedPart) => {
        const entry = (action: string, objectType: string, objectId: number, details: unknown): NewAuditEntry => ({ actor: actor.username, shell: actor.shell, action, objectType, objectId: String(objectId), details: details as never });
        await appendAuditEntries(
          trx,
          [
            ...part.devices.map((device) => entry('device.create', 'device', device.id, { after: device, via: 'import' })),
            ...part.credentials.map((c) => entry(c.action === 'created' ? 'credential.create' : 'credential.update', 'credential', c.credentialId, { before: c.before ?? null, after: c.after, changedSecrets: [...c.changedSecrets], via: 'import' })),
          ],
          { now: deps.now },
        );
        for (const c of part.credentials) {
          if (c.heldForApproval !== undefined) await fileHeldEdit(trx, c.credentialId, c.heldForApproval, actor, { now: deps.now(), expiryHours: actor.approvalExpiryHours, shell: actor.shell });
        }
      };
      const result = await applyImportRows(trx, deps.cipher, rows, deps.now, actor.username, { ...progressOnly(deps), onApplied: audit });
      if (result.errors.length > 0) return result;
      await appendAudit(trx, { actor: actor.username, shell: actor.shell, action: 'import.commit', objectType: 'import', objectId: format, details: { format, ...result.summary } }, { now: deps.now });
      return result;
    },
    (result) => result.errors.length === 0,
  );
  return kept ? { ok: true, summary: run.summary } : { ok: false, summary: run.summary, errors: run.errors };
}

function progressOnly(deps: ImportDeps): { readonly onProgress?: (done: number, total: number) => void } {
  return deps.onProgress === undefined ? {} : { onProgress: deps.onProgress };
}
