import { hostFromEntry, totpSeed } from './host-from-url';
import { headerKey, rowError, type MappedRow } from './import-row';
import type { ImportRowError } from '../../shared/contract/transfer-channels';

/** What KeePassXC and Bitwarden rows have in common, once their columns are read. */
export interface ManagerEntry {
  readonly row: number;
  readonly line: number;
  readonly title: string;
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly notes: string;
  readonly totp: string;
  /** Folder or group path segments, each becoming a tag. */
  readonly groups: readonly string[];
  readonly source: 'KeePassXC' | 'Bitwarden';
}

/**
 * The mapping both managers share: URL (or title) → device (see hostFromEntry); username and
 * password as they are; title → additional (the entry's name stays visible); notes → notes; TOTP
 * (otpauth URI or seed) → the TOTP secret; group path → tags. Icons, timestamps, favorites and
 * custom fields are not imported (custom fields may be secrets with no place to go).
 */
export function mapManagerEntry(entry: ManagerEntry): MappedRow {
  const { row, line } = entry;
  const host = hostFromEntry(entry.url, entry.title);
  const label = `${entry.username || '(no username)'}@${host?.hostname ?? (entry.title || '(no host)')}`;
  const errors: ImportRowError[] = [];
  if (host === null) {
    errors.push(
      rowError(
        row,
        line,
        entry.url === '' ? `"${entry.title}" has no URL, and its title is not a host name.` : `The URL "${entry.url}" names no host.`,
        `Put the device's address in the ${entry.source} entry's URL (e.g. ssh://10.0.0.5 or srv01.example.com) and export again, or fix the row in the CSV.`,
      ),
    );
  }
  if (entry.username === '') errors.push(rowError(row, line, 'The entry has no username.', 'Fill in the account name the password belongs to.'));
  if (host === null || errors.length > 0) return { kind: 'error', row, line, label, errors };
  const seed = totpSeed(entry.totp);
  if (entry.totp !== '' && seed === null) {
    return { kind: 'error', row, line, label, errors: [rowError(row, line, 'The TOTP value is not an otpauth:// URI with a secret, nor a seed.', 'Export the entry again from the password manager, or clear the TOTP cell.')] };
  }
  const tags = entry.groups.map((g) => g.replace(/,/g, ' ').trim()).filter((g) => g !== '');
  const body: Record<string, unknown> = {
    hostname: host.hostname,
    ip: host.ip,
    username: entry.username,
    ...(entry.password !== '' ? { content: entry.password } : {}),
    ...(entry.title !== '' ? { additional: entry.title } : {}),
    ...(entry.notes.trim() !== '' ? { notes: entry.notes } : {}),
    ...(tags.length > 0 ? { tags: tags.join(',') } : {}),
    ...(host.connectivities ? { connectivities: host.connectivities } : {}),
    ...(seed ? { additional_settings: { secret_key: seed } } : {}),
  };
  return { kind: 'upsert', row, line, body, hostname: host.hostname, ip: host.ip };
}

/** A header check shared by the managers' formats: the named columns must all be there. */
export function missingColumns(header: readonly string[], required: readonly string[], source: string): ImportRowError[] {
  const present = new Set(header.map(headerKey));
  const missing = required.filter((name) => !present.has(headerKey(name)));
  if (missing.length === 0) return [];
  return [rowError(0, 1, `This is not a ${source} CSV export: column(s) ${missing.join(', ')} are missing.`, `Export from ${source} as CSV without changing the header, or choose the format the file really has.`)];
}
