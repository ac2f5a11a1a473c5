import { sql, type Kysely } from 'kysely';
import { parseConnectivityList } from '../../shared/domain/connectivity-list';
import { effectiveDeviceShell } from '../../shared/domain/device-shell';
import type { DeviceView } from '../../shared/domain/device-view';
import { parseTagList } from '../../shared/domain/tag-list';
import type { ArchiveFilter } from '../../shared/domain/archive';
import { matchesArchiveFilter } from '../lifecycle/archived';
import type { CredentialsTables } from '../credentials/credential-tables';

function deviceRows(db: Kysely<CredentialsTables>) {
  return db
    .selectFrom('devices as d')
    .leftJoin('device_types as t', 't.id', 'd.type_id')
    .leftJoin('device_vendors as v', 'v.id', 'd.vendor_id')
    .leftJoin('device_models as m', 'm.id', 'd.model_id')
    .leftJoin('device_sites as s', 's.id', 'd.site_id')
    .select([
      'd.id',
      'd.hostname',
      'd.ip',
      't.name as type',
      'v.name as vendor',
      'm.name as model',
      's.name as site',
      'd.tags',
      'd.connectivities',
      'd.host_key_fingerprint',
      'd.shell',
      'd.created_at',
      'd.updated_at',
      'd.archived_at',
      sql<string | null>`(SELECT group_concat(dm.name, ',') FROM device_domains dd JOIN domains dm ON dm.id = dd.domain_id WHERE dd.device_id = d.id)`.as('domain_names'),
    ]);
}

type DeviceRow = Awaited<ReturnType<ReturnType<typeof deviceRows>['executeTakeFirstOrThrow']>>;

/** A device by id, or by exact hostname + ip (how seed 004 names a device); undefined when absent. */
export async function getDevice(
  db: Kysely<CredentialsTables>,
  ref: { readonly id: number } | { readonly hostname: string; readonly ip: string },
): Promise<DeviceView | undefined> {
  let query = deviceRows(db);
  query = 'id' in ref ? query.where('d.id', '=', ref.id) : query.where('d.hostname', '=', ref.hostname).where('d.ip', '=', ref.ip);
  const row = await query.executeTakeFirst();
  if (row === undefined) return undefined;
  return toDeviceView(row);
}

/** Many devices by id in one query per 30,000 (SQLite's bound-parameter limit); absent ids are left out. */
export async function getDevicesById(db: Kysely<CredentialsTables>, ids: readonly number[]): Promise<readonly DeviceView[]> {
  const views: DeviceView[] = [];
  for (let i = 0; i < ids.length; i += 30_000) {
    const rows = await deviceRows(db).where('d.id', 'in', ids.slice(i, i + 30_000)).execute();
    views.push(...rows.map(toDeviceView));
  }
  return views;
}

/** Every live device (or, asked for, every archived one), by hostname, in one query. */
export async function listDevices(db: Kysely<CredentialsTables>, archived?: ArchiveFilter): Promise<readonly DeviceView[]> {
  const rows = await deviceRows(db).where(matchesArchiveFilter('d.archived_at', archived)).orderBy('d.hostname').orderBy('d.ip').execute();
  return rows.map(toDeviceView);
}

function toDeviceView({ domain_names, ...row }: DeviceRow): DeviceView {
  const connectivities = parseConnectivityList(row.connectivities ?? '');
  return {
    ...row,
    domains: (domain_names ?? '').split(',').filter((name) => name !== '').sort(),
    tags: parseTagList(row.tags),
    connectivities: connectivities.ok ? connectivities.connectivities : [],
    effective_shell: effectiveDeviceShell(row),
  };
}
