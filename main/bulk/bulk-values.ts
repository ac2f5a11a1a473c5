import { assertNever } from '../../shared/assert-never';
import type { BulkAction, BulkField, BulkFieldChange, BulkValue } from '../../shared/domain/bulk';
import type { CredentialView } from '../../shared/domain/credential-view';

/** A task's From or To: field -> value. Stored as JSON in bulk_tasks. */
export type BulkValues = Readonly<Partial<Record<BulkField, BulkValue>>>;

const EXECUTION_PREFIX = 'execution_settings.';

/** The credential's value of a bulk field as it is now: what From records and approval re-checks. */
export function currentValue(view: CredentialView, field: BulkField): BulkValue {
  if (field.startsWith(EXECUTION_PREFIX)) {
    const key = field.slice(EXECUTION_PREFIX.length) as keyof NonNullable<CredentialView['execution_settings']>;
    return view.execution_settings?.[key] ?? null;
  }
  const plain = field as Exclude<BulkField, `execution_settings.${string}`>;
  switch (plain) {
    case 'credential_type':
      return view.credential_type;
    case 'domain':
      return view.domain;
    case 'device':
      return { hostname: view.hostname, ip: view.ip };
    case 'additional':
      return view.additional;
    case 'tags':
      return view.tags;
    case 'parent_credential_id':
      return view.parent_credential_id;
    case 'needs_human_interaction':
      return view.needs_human_interaction;
    case 'criticality':
      return view.additional_settings.criticality;
    case 'status':
      return view.status;
    case 'expires_at':
      return view.expires_at;
    case 'rotation':
      // Not a stored value: the change operation Expire schedules did not exist before.
      return null;
    default:
      return assertNever(plain, 'bulk field');
  }
}

export function sameValue(a: BulkValue, b: BulkValue): boolean {
  // Texts, flags and ids compare as they are (asked 100,000s of times in one review); lists and
  // devices by their JSON.
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function toChanges(from: BulkValues, to: BulkValues): BulkFieldChange[] {
  return (Object.keys(to) as BulkField[]).map((field) => ({ field, from: from[field] ?? null, to: to[field] ?? null }));
}

/** Seed 001: Edit, Disable and Expire list active credentials; Enable lists inactive ones. */
export function eligibilityReason(action: BulkAction, view: CredentialView): string | undefined {
  switch (action) {
    case 'edit':
      return view.status === 'active' ? undefined : `${view.identifier} is inactive: only active credentials can be edited in bulk. Enable it first or leave it out.`;
    case 'disable':
      return view.status === 'active' ? undefined : `${view.identifier} is already inactive.`;
    case 'expire':
      return view.status === 'active' ? undefined : `${view.identifier} is inactive: only active credentials can be expired. Enable it first or leave it out.`;
    case 'enable':
      return view.status === 'inactive' ? undefined : `${view.identifier} is already active.`;
    default:
      return assertNever(action, 'bulk action');
  }
}
