import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DOMAIN_NAME_PATTERN } from '../../shared/domain/device-domain-list';
import type { DomainView } from '../../shared/domain/device-view';
import { ApiRuleError } from '../credentials/api-rule-error';
import type { CredentialsTables } from '../credentials/credential-tables';

export const domainRegistrationSchema = z.object({
  // No spaces or commas: device_domain lists domains separated by bare commas (seed 004, 1029).
  name: z.string().trim().regex(DOMAIN_NAME_PATTERN, 'A domain name cannot be empty or contain spaces or commas.'),
  description: z.string().nullish(),
});
export type DomainRegistration = z.input<typeof domainRegistrationSchema>;

/**
 * Registers a domain (an administrator's action; the router checks the role). Only registered
 * domains may be attached to devices. A name registered already, in any letter case, is 9004.
 */
export async function registerDomain(
  db: Kysely<CredentialsTables>,
  input: DomainRegistration,
  now: () => Date = () => new Date(),
): Promise<DomainView> {
  const parsed = domainRegistrationSchema.safeParse(input);
  if (!parsed.success) {
    throw new ApiRuleError(9001, parsed.error.issues.map((i) => i.message).join('; '));
  }
  const { name, description } = parsed.data;
  const inserted = await db
    .insertInto('domains')
    .values({ name, description: description ?? null, created_at: now().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted === undefined) throw new ApiRuleError(9004, `"${name}" is already registered.`);
  return inserted;
}

export async function listDomains(db: Kysely<CredentialsTables>): Promise<readonly DomainView[]> {
  return db.selectFrom('domains').selectAll().orderBy('name').execute();
}
