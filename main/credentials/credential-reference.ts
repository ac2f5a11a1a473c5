import type { Kysely } from 'kysely';
import type { CredentialsTables } from './credential-tables';

/**
 * Seed 004 names another credential (authentication, reconciliation, parent) by three strings:
 * credential, hostname and ip. pamdesk reads the credential string as an identifier first (unique,
 * what pickers send), else as a username on the device named by hostname and ip, which default to
 * the referring credential's own device. One reading for the save-time check and the runner.
 */
export interface CredentialReference {
  readonly name: string;
  readonly hostname: string | null | undefined;
  readonly ip: string | null | undefined;
}

export interface ReferencedCredential {
  readonly id: number;
  readonly identifier: string;
}

export async function findReferencedCredential(
  db: Kysely<CredentialsTables>,
  reference: CredentialReference,
  ownDevice: { readonly hostname: string; readonly ip: string },
): Promise<ReferencedCredential | undefined> {
  const byIdentifier = await db.selectFrom('credentials').select(['id', 'identifier']).where('identifier', '=', reference.name).executeTakeFirst();
  if (byIdentifier !== undefined) return byIdentifier;
  return db
    .selectFrom('credentials as c')
    .innerJoin('devices as d', 'd.id', 'c.device_id')
    .select(['c.id', 'c.identifier'])
    .where('c.username', '=', reference.name)
    .where('d.hostname', '=', blankToNull(reference.hostname) ?? ownDevice.hostname)
    .where('d.ip', '=', blankToNull(reference.ip) ?? ownDevice.ip)
    .orderBy('c.id')
    .executeTakeFirst();
}

export function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value.trim();
}
