import type { BulkAction } from '../../../shared/domain/bulk';
import type { CredentialStatus } from '../../../shared/domain/credential-kind';
import type { CredentialGridRow } from '../../../shared/domain/credential-grid-query';

/** What the wizard shows of a selected credential (from the grid or the +Add picker). */
export interface SelectedCredential {
  readonly id: number;
  readonly identifier: string;
  readonly username: string;
  readonly hostname: string;
  readonly status: CredentialStatus;
}

export type Selection = ReadonlyMap<number, SelectedCredential>;

export function toSelected(row: CredentialGridRow): SelectedCredential {
  return { id: row.id, identifier: row.identifier, username: row.username, hostname: row.hostname, status: row.status };
}

/** Seed 001: Enable lists inactive credentials; Edit, Disable and Expire list active ones. */
export function eligibleStatus(action: BulkAction): CredentialStatus {
  return action === 'enable' ? 'inactive' : 'active';
}
