import type Database from 'better-sqlite3-multiple-ciphers';
import type { DataKind } from '../../shared/domain/data-kinds';
import { changedKindsOf } from '../audit/audit-change-kinds';

/** How often another process's writes are looked for: a list someone else changed refreshes within about this. */
export const FOREIGN_WRITE_POLL_MS = 1_000;

export interface ForeignWriteWatch {
  stop(): void;
  /** One look now (the timer calls it; tests call it to avoid waiting). */
  check(): void;
}

/**
 * Writes by another pamdesk process on the same vault (the CLI beside the desktop app, a second
 * host) reach this process's windows as its own do. SQLite's data_version changes only when
 * another connection commits, so the poll is a read of shared memory; when it changes, the audit
 * entries written since (every change to vault data is audited) say which kinds changed. Entries
 * this process wrote in the same second are told again: one extra refresh, never a missed one.
 */
export function watchForeignWrites(driver: Database.Database, changed: (kinds: readonly DataKind[]) => void, everyMs = FOREIGN_WRITE_POLL_MS): ForeignWriteWatch {
  const version = () => Number(driver.pragma('data_version', { simple: true }));
  const lastAuditId = () => Number((driver.prepare('SELECT coalesce(max(id), 0) AS id FROM audit_log').get() as { id: number }).id);
  let seenVersion = version();
  let seenAuditId = lastAuditId();
  const since = driver.prepare('SELECT id, action FROM audit_log WHERE id > ? ORDER BY id');

  function check(): void {
    // Inside this process's own transaction the pragma and the read would see its uncommitted rows.
    if (!driver.open || driver.inTransaction) return;
    const now = version();
    if (now === seenVersion) return;
    seenVersion = now;
    const rows = since.all(seenAuditId) as { id: number; action: string }[];
    const kinds = new Set<DataKind>();
    for (const row of rows) {
      seenAuditId = Math.max(seenAuditId, row.id);
      for (const kind of changedKindsOf(row.action)) kinds.add(kind);
    }
    if (kinds.size > 0) changed([...kinds]);
  }

  const timer = setInterval(check, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), check };
}
