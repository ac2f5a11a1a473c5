import type { Kysely } from 'kysely';
import type { CredentialsTables } from '../credentials/credential-tables';
import type { MappedRow } from './import-row';

/** hostname + ip, as seed 004 names a device (exact text, as the devices table compares it). */
export const deviceKey = (hostname: string, ip: string): string => `${hostname}\0${ip}`;

/** A device's account: one credential per username and kind on a device. */
export const accountKey = (device: string, username: string, kind: string): string => `${device}\0${username}\0${kind}`;

// Far below SQLite's 32,766 bound parameters.
const CHUNK = 5000;

/**
 * What the vault already holds that decides how a row is written: the devices the file names (by
 * hostname + ip), the identifiers it names, and the accounts on those devices. Read in a few
 * chunked queries at the start of the run, then kept current as rows are applied, so the fast path
 * never asks the database per row. A key present here may be stale (a renamed identifier): that
 * only sends a row down the per-row path, which judges it against the database itself.
 */
export class ImportIndex {
  readonly devices = new Map<string, number>();
  readonly identifiers = new Set<string>();
  readonly accounts = new Set<string>();

  static async load(db: Kysely<CredentialsTables>, rows: readonly MappedRow[]): Promise<ImportIndex> {
    const index = new ImportIndex();
    const wanted = new Set<string>();
    const hostnames = new Set<string>();
    const identifiers = new Set<string>();
    for (const row of rows) {
      if (row.kind !== 'upsert') continue;
      wanted.add(deviceKey(row.hostname, row.ip));
      hostnames.add(row.hostname);
      const identifier = row.body['identifier'];
      if (typeof identifier === 'string' && identifier.trim() !== '') identifiers.add(identifier);
    }
    const byId = new Map<number, string>();
    for (const part of chunks([...hostnames])) {
      for (const device of await db.selectFrom('devices').select(['id', 'hostname', 'ip']).where('hostname', 'in', part).execute()) {
        const key = deviceKey(device.hostname, device.ip);
        if (!wanted.has(key)) continue;
        index.devices.set(key, device.id);
        byId.set(device.id, key);
      }
    }
    for (const part of chunks([...identifiers])) {
      for (const row of await db.selectFrom('credentials').select('identifier').where('identifier', 'in', part).execute()) index.identifiers.add(row.identifier);
    }
    for (const part of chunks([...byId.keys()])) {
      for (const row of await db.selectFrom('credentials').select(['device_id', 'username', 'kind']).where('device_id', 'in', part).execute()) {
        const device = byId.get(row.device_id);
        if (device !== undefined) index.accounts.add(accountKey(device, row.username, row.kind));
      }
    }
    return index;
  }

  /** A credential now in the vault (written by either path), and its device. */
  learn(device: string, deviceId: number, credential: { readonly identifier: string; readonly username: string; readonly kind: string }): void {
    this.devices.set(device, deviceId);
    this.identifiers.add(credential.identifier);
    this.accounts.add(accountKey(device, credential.username, credential.kind));
  }
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
