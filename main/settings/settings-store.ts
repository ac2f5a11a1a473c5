import { statSync } from 'node:fs';
import Conf from 'conf';
import type { Kysely } from 'kysely';
import { DEFAULT_SETTINGS, SECURITY_SETTING_FIELDS, settingsSchema, type SecuritySettingField, type Settings, type SettingsPatch } from '../../shared/contract/settings';
import { AppFailure } from '../../shared/errors';
import type { Shell } from '../../shared/shells';
import { appendAudit } from '../audit/append-audit';
import type { VaultDatabase } from '../vault/database/vault-schema';

/** The seam both shells fill: electron-store in the desktop app, conf (its core) elsewhere. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  /**
   * Changes whenever the stored values may have changed, also by another process (the CLI beside
   * the desktop app): readers keep what they parsed until it does. Absent: read every time.
   */
  revision?(): string;
}

/**
 * A revision for a store kept in one file: stat is a fraction of reading and parsing it. conf and
 * electron-store replace the file on every write (a new inode), so even a write within the same
 * mtime tick changes it.
 */
export function fileRevision(path: string): string {
  try {
    const stat = statSync(path, { bigint: true });
    return `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
  } catch {
    return 'absent';
  }
}

/** Writes the audit entries of a settings change inside the transaction that stores it. */
export type SettingsAudit = (trx: Kysely<VaultDatabase>, before: Settings, after: Settings) => Promise<void>;

export interface SettingsStore {
  read(): Settings;
  /**
   * Validates the merged result (throws a ZodError naming the bad field) and stores it: the
   * security fields in the vault, with `audit`'s entries in the same transaction; the rest in the
   * preferences. read() sees the new values at once; a failed write puts the old ones back.
   */
  update(patch: SettingsPatch, audit?: SettingsAudit): Promise<Settings>;
  /** The vault opened: load its security settings (defaults until then, when nothing reads them). */
  attachVault(db: Kysely<VaultDatabase>, shell: Shell): Promise<void>;
  /** The vault closed: forget them. */
  detachVault(): void;
}

type SecuritySettings = Pick<Settings, SecuritySettingField>;

const KEY = 'settings';
/** In `meta`: not secret (the CA is public), but protected by the vault's encryption and MAC. */
const VAULT_KEY = 'security_settings';

/** Preferences over a key-value store, security settings in the open vault; invalid stored values fall back to their defaults. */
export function createSettingsStore(store: KeyValueStore): SettingsStore {
  let db: Kysely<VaultDatabase> | undefined;
  let security: SecuritySettings = pickSecurity(DEFAULT_SETTINGS);
  /**
   * Security values set by in-process code before the vault opened (a shell or test configuring
   * forwarding before vault.create): applied and stored when it opens. Never reachable from a
   * window: every settings channel needs a session, hence an open vault.
   */
  let staged: SecuritySettings | undefined;

  // The runner reads settings for every attempt and every launch: parsed once per revision of the file.
  let parsedAt: { readonly revision: string; readonly value: Settings } | undefined;
  const preferences = (): Settings => {
    const revision = store.revision?.();
    if (revision !== undefined && parsedAt?.revision === revision) return parsedAt.value;
    const parsed = settingsSchema.safeParse(withoutSecurity(store.get(KEY)));
    const value = parsed.success ? parsed.data : DEFAULT_SETTINGS;
    if (revision === undefined) return value;
    // Shared by every reader until the file changes: frozen, so no reader can change another's copy.
    parsedAt = { revision, value: frozen(value) };
    return parsedAt.value;
  };
  const read = (): Settings => ({ ...preferences(), ...security });

  return {
    read,
    async update(patch, audit) {
      const vault = db;
      if (!vault && audit) throw new AppFailure('VAULT_LOCKED', 'Settings can be changed only while the vault is unlocked. Unlock it and try again.');
      const before = read();
      // runner and siem merge field by field, so a patch naming one field keeps the others.
      const next = settingsSchema.parse({ ...before, ...patch, runner: { ...before.runner, ...patch.runner }, siem: { ...before.siem, ...patch.siem } });
      security = pickSecurity(next);
      store.set(KEY, withoutSecurity(next));
      if (!vault) {
        if (SECURITY_SETTING_FIELDS.some((field) => patch[field] !== undefined)) staged = security;
        return next;
      }
      try {
        await vault.transaction().execute(async (trx) => {
          await writeSecurity(trx, security);
          await audit?.(trx, before, next);
        });
      } catch (error) {
        security = pickSecurity(before);
        store.set(KEY, withoutSecurity(before));
        throw error;
      }
      return next;
    },
    async attachVault(next, shell) {
      db = next;
      const row = await next.selectFrom('meta').select('value').where('key', '=', VAULT_KEY).executeTakeFirst();
      if (row) {
        const parsed = settingsSchema.safeParse(JSON.parse(row.value));
        security = pickSecurity(parsed.success ? parsed.data : DEFAULT_SETTINGS);
      } else {
        // First open by this version. A vault from before security settings moved into it takes
        // the preferences' values once, audited with what they were, so a SIEM target in use does
        // not silently stop; a new vault starts from the defaults. Either way the row exists from
        // now on, so preferences.json is never read for these again.
        const stored = store.get(KEY);
        const legacy = settingsSchema.safeParse(stored ?? {});
        const hasLegacy = typeof stored === 'object' && stored !== null && SECURITY_SETTING_FIELDS.some((field) => field in stored);
        security = pickSecurity(hasLegacy && legacy.success ? legacy.data : DEFAULT_SETTINGS);
        await next.transaction().execute(async (trx) => {
          await writeSecurity(trx, security);
          if (hasLegacy) await appendAudit(trx, { actor: 'system', shell, action: 'settings.import_security', objectType: 'settings', details: { from: 'preferences.json', values: auditableSettings(security) } });
        });
      }
      if (staged) {
        security = staged;
        staged = undefined;
        await next.transaction().execute((trx) => writeSecurity(trx, security));
      }
      // From now on preferences.json holds no security field (and one added by hand is ignored).
      store.set(KEY, withoutSecurity(store.get(KEY)));
    },
    detachVault() {
      db = undefined;
      staged = undefined;
      security = pickSecurity(DEFAULT_SETTINGS);
    },
  };
}

function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const field of Object.values(value)) frozen(field);
    Object.freeze(value);
  }
  return value;
}

async function writeSecurity(trx: Kysely<VaultDatabase>, security: SecuritySettings): Promise<void> {
  const value = JSON.stringify(security);
  await trx.insertInto('meta').values({ key: VAULT_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

function pickSecurity(settings: Settings): SecuritySettings {
  return { idleLockMinutes: settings.idleLockMinutes, bulkApprovalExpiryHours: settings.bulkApprovalExpiryHours, siem: settings.siem };
}

function withoutSecurity(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return {};
  const security: readonly string[] = SECURITY_SETTING_FIELDS;
  return Object.fromEntries(Object.entries(value).filter(([field]) => !security.includes(field)));
}

/** What the audit shows of settings: everything but the CA's PEM (public, but long). */
export function auditableSettings<T extends Pick<Settings, 'siem'>>(settings: T): T {
  const { caPem, ...siem } = settings.siem;
  return { ...settings, siem: { ...siem, caPem: caPem === null ? null : `(${caPem.length} characters)` } };
}

/** conf, stored as preferences.json in the data folder (the same file electron-store would use). */
export function confKeyValueStore(dataDir: string): KeyValueStore {
  const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'preferences', projectName: 'pamdesk' });
  return { get: (key) => conf.get(key), set: (key, value) => conf.set(key, value), revision: () => fileRevision(conf.path) };
}
