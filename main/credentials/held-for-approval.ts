import type { Updateable } from 'kysely';
import { isHighlyCritical } from '../../shared/domain/approval-rules';
import { BULK_EXECUTION_KEYS, type BulkEditChanges, type BulkExecutionChanges } from '../../shared/domain/bulk';
import { connectsAsItself } from '../../shared/domain/credential-settings';
import type { CredentialView } from '../../shared/domain/credential-view';
import { ApiRuleError } from './api-rule-error';
import type { CredentialsTable } from './credential-tables';

/** The columns an upsert writes at once, and the part of it that waits for an approver. */
export interface SplitChanges {
  readonly direct: Updateable<CredentialsTable>;
  /** A one-credential bulk Edit's changes, or undefined when nothing needs approval. */
  readonly held: BulkEditChanges | undefined;
}

/**
 * Issue 11: for a highly critical credential, lowering its criticality or changing how it is
 * changed (execution settings: change and reconciliation plugin and template, authentication,
 * automatic change; its parent) is itself a change that needs a second person, or an operator
 * could lower the bar and then change the secret alone. Clearing "needs human interaction" is held
 * for the same reason. Those parts are held back for a
 * one-credential bulk Edit request; everything else of the same upsert (tags, notes, the secret
 * itself...) applies at once. Raising criticality to high applies at once (it only adds a check).
 * An execution setting the bulk Edit cannot carry is refused (9008) rather than applied unchecked.
 */
export function holdForApproval(before: CredentialView | undefined, columns: Updateable<CredentialsTable>, mergedExecution: object | null): SplitChanges {
  if (before === undefined || !isHighlyCritical(before.additional_settings.criticality)) return { direct: columns, held: undefined };
  const direct: Record<string, unknown> = { ...columns };
  const held: { -readonly [K in keyof BulkEditChanges]: BulkEditChanges[K] } = {};
  if (columns.criticality !== undefined && !isHighlyCritical(columns.criticality)) {
    held.criticality = columns.criticality;
    delete direct['criticality'];
  }
  // Clearing "needs human interaction" lets the runner change the secret unattended (seed 000:
  // MFA or a person at the console): lowering the bar, like criticality. Setting it applies at once.
  if (columns.needs_human_interaction === 0 && before.needs_human_interaction) {
    held.needs_human_interaction = false;
    delete direct['needs_human_interaction'];
  }
  if (columns.parent_credential_id !== undefined && columns.parent_credential_id !== before.parent_credential_id) {
    held.parent_credential_id = columns.parent_credential_id;
    delete direct['parent_credential_id'];
  }
  if (columns.execution_settings !== undefined) {
    const execution = executionDifference(before, mergedExecution);
    if (execution !== undefined) held.execution_settings = execution;
    // Unchanged settings need no write either; changed ones are written only by the approval, with
    // the template ids derived from them.
    delete direct['execution_settings'];
    delete direct['change_template_id'];
    delete direct['reconciliation_template_id'];
  }
  return { direct: direct as Updateable<CredentialsTable>, held: Object.keys(held).length === 0 ? undefined : held };
}

/** The execution-settings keys whose value would change, null for a removed key. */
function executionDifference(before: CredentialView, mergedExecution: object | null): BulkExecutionChanges | undefined {
  const was = (before.execution_settings ?? {}) as Record<string, unknown>;
  const will = (mergedExecution ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(was), ...Object.keys(will)]);
  const patch: Record<string, unknown> = {};
  for (const key of keys) {
    if (JSON.stringify(effective(key, was[key])) === JSON.stringify(effective(key, will[key]))) continue;
    if (!(BULK_EXECUTION_KEYS as readonly string[]).includes(key)) {
      throw new ApiRuleError(9008, `${before.identifier} is highly critical, so a change of its execution setting "${key}" needs an approver, and an approval request cannot carry that setting. Send the other changes without "${key}".`);
    }
    patch[key] = will[key] ?? null;
  }
  return Object.keys(patch).length === 0 ? undefined : (patch as BulkExecutionChanges);
}

/**
 * What a stored setting means, so that an editor sending every field (false, '') where the stored
 * object leaves keys out is not mistaken for a change: a switch that is absent is off, except
 * use_own_credential_to_connect, which absent reads as on (the runner connects as the credential).
 */
function effective(key: string, value: unknown): unknown {
  if (key === 'use_own_credential_to_connect') return connectsAsItself(value);
  if (value === undefined || value === null || value === '') {
    if (key === 'automatic_change' || key === 'status' || key === 'agent_based_password_change') return false;
    return null;
  }
  return value;
}

/** The held fields in the words the editor uses, for the response's detail. */
export function heldFields(held: BulkEditChanges): string[] {
  const names: string[] = [];
  if (held.criticality !== undefined) names.push('criticality');
  if (held.needs_human_interaction !== undefined) names.push('needs human interaction');
  if (held.parent_credential_id !== undefined) names.push('parent credential');
  for (const key of Object.keys(held.execution_settings ?? {})) names.push(key);
  return names;
}
