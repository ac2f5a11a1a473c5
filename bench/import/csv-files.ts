import { csvCell } from '../../main/csv/csv-write';
import { PAMDESK_EXPORT_COLUMNS } from '../../main/import/pamdesk-columns';

/**
 * The benchmark's two files, as the tools write them. Each credential is on one of count/10
 * devices; passwords hold commas, quotes and non-ASCII; some notes span lines; some entries carry
 * a TOTP URI. Nothing here is random: two runs import the same bytes.
 */

const GROUPS = ['Root/Servers/Linux', 'Root/Servers/Windows', 'Root/Network', 'Root/Databases', 'Root/DMZ/Web'];
const USERS = ['root', 'admin', 'oracle', 'postgres', 'backup', 'deploy', 'svc_monitor', 'jenkins', 'ansible', 'operator'];
const TYPES = ['Linux', 'Windows', 'Switch', 'Router', 'Database'];
const VENDORS = ['Debian', 'Microsoft', 'Cisco', 'Juniper', 'Oracle'];

const line = (cells: readonly (string | number)[]) => `${cells.map((cell) => (typeof cell === 'number' ? String(cell) : `"${cell.replace(/"/g, '""')}"`)).join(',')}\r\n`;
const address = (d: number) => `10.${(d >> 16) & 255}.${(d >> 8) & 255}.${d & 255}`;
const password = (i: number) => `Pw,${i}"q"-ü${(i * 7919) % 100_000}`;

/** KeePassXC 2.7's CSV export: every cell quoted, CRLF. */
export function keepassxcCsv(count: number): string {
  const parts = [line(['Group', 'Title', 'Username', 'Password', 'URL', 'Notes', 'TOTP', 'Icon', 'Last Modified', 'Created'])];
  for (let i = 0; i < count; i += 1) {
    const d = Math.floor(i / 10);
    const url = d % 3 === 0 ? `https://web-${d}.corp.example/login` : `ssh://${address(d)}:22`;
    const notes = i % 4 === 0 ? `Rotated by hand\nTicket CHG-${i}` : '';
    const totp = i % 5 === 0 ? `otpauth://totp/corp:${USERS[i % USERS.length]}?secret=JBSWY3DPEHPK3PXP&period=30` : '';
    parts.push(line([GROUPS[i % GROUPS.length] ?? 'Root', `srv-${d}`, `${USERS[i % USERS.length]}${Math.floor(i / 100)}`, password(i), url, notes, totp, 0, '2026-11-30T10:00:00Z', '2024-01-15T09:00:00Z']));
  }
  return parts.join('');
}

/** pamdesk's own columns (an export's, plus the secret), as an edited export would come back. */
export function pamdeskCsv(count: number): string {
  const header = [...PAMDESK_EXPORT_COLUMNS, 'content'];
  const parts = [`${header.map(csvCell).join(',')}\r\n`];
  for (let i = 0; i < count; i += 1) {
    const d = Math.floor(i / 10);
    const values: Record<string, string> = {
      identifier: `bench-${String(i).padStart(6, '0')}`,
      username: `${USERS[i % USERS.length]}${Math.floor(i / 100)}`,
      hostname: `host-${d}.dc${d % 4}.example`,
      ip: address(d),
      credential_type: i % 2 === 0 ? 'Local User' : 'Service Account',
      tags: `prod,${GROUPS[i % GROUPS.length]?.split('/')[1] ?? 'misc'}`,
      notes: i % 4 === 0 ? `Owner: team ${i % 9}` : '',
      status: i % 20 === 0 ? 'inactive' : 'active',
      device_type: TYPES[d % TYPES.length] ?? '',
      device_vendor: VENDORS[d % VENDORS.length] ?? '',
      device_model: `M${d % 17}`,
      connectivities: 'SSH:22',
      content: password(i),
    };
    parts.push(`${header.map((column) => csvCell(values[column] ?? '')).join(',')}\r\n`);
  }
  return parts.join('');
}
