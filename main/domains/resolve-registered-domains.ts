import type { Kysely } from 'kysely';
import { parseDeviceDomainList } from '../../shared/domain/device-domain-list';
import { ApiRuleError } from '../credentials/api-rule-error';
import type { CredentialsTables } from '../credentials/credential-tables';

/**
 * The ids of the domains named in a device_domain string, or 1029 when the list is malformed or
 * names a domain nobody registered (seed 004: "only previously registered domains are accepted").
 */
export async function resolveRegisteredDomains(
  db: Kysely<CredentialsTables>,
  deviceDomain: string,
): Promise<readonly number[]> {
  const parsed = parseDeviceDomainList(deviceDomain);
  if (!parsed.ok) throw new ApiRuleError(1029, parsed.detail);
  if (parsed.names.length === 0) return [];
  const rows = await db.selectFrom('domains').select(['id', 'name']).where('name', 'in', parsed.names).execute();
  const known = new Set(rows.map((r) => r.name.toLowerCase()));
  const unknown = parsed.names.filter((n) => !known.has(n.toLowerCase()));
  if (unknown.length > 0) {
    throw new ApiRuleError(1029, `Not registered: ${unknown.join(', ')}. Register the domain first.`);
  }
  return [...new Set(rows.map((r) => r.id))];
}
