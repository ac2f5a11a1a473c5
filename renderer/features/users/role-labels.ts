import { roleHoldsSecrets, type Role } from '../../../shared/roles';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  administrator: 'Administrator',
  operator: 'Operator',
  approver: 'Approver',
  auditor: 'Auditor',
};

/** What a role change does to the keys, in the administrator's words (one rule: roleHoldsSecrets). */
export function roleChangeEffect(from: Role, to: Role): string | undefined {
  if (roleHoldsSecrets(from) && !roleHoldsSecrets(to)) return "The vault's keys will rotate: this user keeps their passphrase but can no longer decrypt secrets.";
  if (!roleHoldsSecrets(from) && roleHoldsSecrets(to)) return "This user's key slot will be given the secrets key.";
  return undefined;
}
