import type { CredentialKind } from './credential-kind';
import type { TemplateExecutor, TemplateOperationType } from './template';

/**
 * The one registry of execution plugins ("executors"): the names an operator picks as
 * change_plugin / reconciliation_plugin (seed 004 spells them "SSH", "LDAP"...), and the template
 * executor each runs. Main refuses a plugin not listed here at save and at run time; the editor's
 * drop-down lists exactly these. Adding an executor is adding an entry (and its templates' executor
 * value to TEMPLATE_EXECUTORS and the templates table's CHECK constraint).
 */
export const EXECUTORS = [{ name: 'SSH', templateExecutor: 'ssh' }] as const satisfies readonly { readonly name: string; readonly templateExecutor: TemplateExecutor }[];

export type ExecutorName = (typeof EXECUTORS)[number]['name'];
export type Executor = (typeof EXECUTORS)[number];

export const EXECUTOR_NAMES: readonly ExecutorName[] = EXECUTORS.map((e) => e.name);

/** The registered executor a plugin name denotes; names match without regard to case ("ssh" is SSH). */
export function findExecutor(plugin: string | null | undefined): Executor | undefined {
  if (plugin === null || plugin === undefined) return undefined;
  const wanted = plugin.trim().toLowerCase();
  return EXECUTORS.find((e) => e.name.toLowerCase() === wanted);
}

/** What a template drives in a credential's execution settings. */
export type TemplateRole = 'change' | 'reconciliation';

/**
 * The operation type a template must have to serve a role for a credential of a kind: a change
 * template changes the password (or rotates the key of an SSH-key credential); a reconciliation
 * template sets a secret without knowing the current one. One definition for the save-time check,
 * the runner and the editor's filtered drop-down.
 */
export function templateTypeFor(role: TemplateRole, kind: CredentialKind): TemplateOperationType {
  if (role === 'reconciliation') return 'reconcile';
  return kind === 'ssh_key' ? 'ssh_key_rotation' : 'change_password';
}

const TYPE_LABELS: Readonly<Record<TemplateOperationType, string>> = {
  change_password: 'password change',
  verify: 'verify',
  reconcile: 'reconciliation',
  ssh_key_rotation: 'SSH key rotation',
  enable: 'enable',
  disable: 'disable',
};

export function templateTypeLabel(type: TemplateOperationType): string {
  return TYPE_LABELS[type];
}
