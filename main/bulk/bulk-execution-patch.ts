import type { BulkExecutionChanges } from '../../shared/domain/bulk';
import type { CredentialView } from '../../shared/domain/credential-view';
import { checkExecutionSettings, type ExecutionCheck, type ExecutionReferenceResolver } from '../credentials/execution-references';
import { mergeSettings } from '../credentials/settings-merge';
import type { BulkValues } from './bulk-values';

const EXECUTION_PREFIX = 'execution_settings.';

/** The execution-settings keys a task's To sets, as the upsert's partial object (null removes a key). */
export function executionPatch(to: BulkValues): BulkExecutionChanges | undefined {
  const entries = Object.entries(to).filter(([field]) => field.startsWith(EXECUTION_PREFIX));
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([field, value]) => [field.slice(EXECUTION_PREFIX.length), value])) as BulkExecutionChanges;
}

/**
 * The upsert's execution-settings rules (1046/1047, then 91xx: registered plugin, existing template
 * of the right type, authentication and reconciliation credentials that resolve) on the settings as
 * they would be stored, with the same merge the upsert uses. The review and the approval both ask it.
 */
export function checkBulkExecution(resolver: ExecutionReferenceResolver, view: CredentialView, patch: BulkExecutionChanges, device: { readonly hostname: string; readonly ip: string }): Promise<ExecutionCheck> {
  return checkExecutionSettings(resolver, {
    credentialId: view.id,
    identifier: view.identifier,
    kind: view.kind,
    device,
    execution: mergeSettings(view.execution_settings, patch),
    jit: view.jit_settings,
  });
}

/** Why the bulk edit's execution settings cannot apply to this credential, in the review's words. */
export async function executionSettingsReason(resolver: ExecutionReferenceResolver, view: CredentialView, patch: BulkExecutionChanges | undefined, device: { readonly hostname: string; readonly ip: string }): Promise<string | undefined> {
  if (patch === undefined) return undefined;
  const checked = await checkBulkExecution(resolver, view, patch, device);
  if (checked.ok) return undefined;
  return `${view.identifier}: ${checked.refusal.detail.replace(/\.$/, '')} (error ${checked.refusal.code}). Correct it in the same bulk edit or leave this credential out.`;
}
