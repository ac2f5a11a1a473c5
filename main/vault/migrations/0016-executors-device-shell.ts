import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * Executors beyond SSH, and the device's shell.
 *
 * - `devices.shell`: what reads the lines of an SSH or Telnet template on the device, set by an
 *   operator ('posix' | 'network-cli'); NULL follows the device's type and vendor
 *   (shared/domain/device-shell.ts). It replaces the template's "# pamdesk: target" line.
 * - `templates.executor` accepts 'telnet'. SQLite cannot change a CHECK constraint, so the table is
 *   rebuilt; the CHECK also admits the other executors of seed 004 (ldap, postgresql, mysql) so the
 *   next executor needs no rebuild (the application still accepts only registered ones).
 *   SQLite's documented rebuild (new table, copy, drop, rename) runs with foreign keys off
 *   (`rebuildsTables`); ids are copied, so template_versions and the credentials' template ids
 *   still point at the same rows, and the runner checks every foreign key before committing.
 */
export const migration0016ExecutorsDeviceShell: Migration = {
  id: 16,
  name: 'executors-device-shell',
  rebuildsTables: true,
  async up(db) {
    await sql`ALTER TABLE devices ADD COLUMN shell TEXT CHECK (shell IS NULL OR shell IN ('posix', 'network-cli'))`.execute(db);

    await sql`CREATE TABLE templates_0016 (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      executor TEXT NOT NULL CHECK (executor IN ('ssh', 'telnet', 'ldap', 'postgresql', 'mysql')),
      operation_type TEXT NOT NULL CHECK (operation_type IN ('change_password', 'verify', 'reconcile', 'ssh_key_rotation', 'enable', 'disable')),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
      current_version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      archived_at TEXT,
      archived_by TEXT
    )`.execute(db);
    // Every column the table has by now, 0014's archive columns included: a rebuild must drop none.
    await sql`INSERT INTO templates_0016 (id, name, executor, operation_type, active, builtin, current_version, created_at, updated_at, archived_at, archived_by)
      SELECT id, name, executor, operation_type, active, builtin, current_version, created_at, updated_at, archived_at, archived_by FROM templates`.execute(db);
    await sql`DROP TABLE templates`.execute(db);
    await sql`ALTER TABLE templates_0016 RENAME TO templates`.execute(db);
  },
};
