import type { BulkExecutionChanges } from '../../shared/domain/bulk';
import type { CredentialView } from '../../shared/domain/credential-view';
import { checkPluginRequirements } from '../../shared/domain/plugin-requirements';
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
 * Seed 004's 1046/1047 on the settings as they would be stored, with the same merge the upsert uses:
 * turning automatic change on for a credential without a change plugin is refused here as there.
 */
export function pluginRequirementReason(view: CredentialView, patch: BulkExecutionChanges | undefined): string | undefined {
  if (patch === undefined) return undefined;
  const merged = mergeSettings(view.execution_settings, patch);
  const missing = checkPluginRequirements(merged, view.jit_settings);
  if (missing === null) return undefined;
  return `${view.identifier}: ${missing.field} is required when that action is enabled (error ${missing.code}). Set it in the same bulk edit or leave this credential out.`;
}
