import type { CredentialKind } from './credential-kind';
import type { TemplateExecutor, TemplateOperationType } from './template';

/**
 * The one registry of execution plugins ("executors"): the names an operator picks as
 * change_plugin / reconciliation_plugin (seed 004 spells them "SSH", "LDAP"...), the template
 * executor each runs, the connectivity (seed 004's "SSH:22,Telnet:23") that gives its port and the
 * port when the device lists none. Main refuses a plugin not listed here at save and at run time;
 * the editor's drop-down lists exactly these. Main's implementations (main/executors/registry.ts)
 * are keyed by `templateExecutor`, and a missing one does not compile. Adding an executor is adding
 * an entry here, its value in TEMPLATE_EXECUTORS and its implementation.
 *
 * `cleartext`: the protocol sends the login and every line of the template, passwords included, in
 * clear over the network (Telnet); the editor and the CLI say so when it is chosen.
 * `terminal`: its templates drive an interactive terminal in the expect language (exec, expect...),
 * so the device's shell (POSIX or network CLI) decides what a line may hold.
 */
export const EXECUTORS = [
  { name: 'SSH', templateExecutor: 'ssh', defaultPort: 22, cleartext: false, terminal: true },
  { name: 'Telnet', templateExecutor: 'telnet', defaultPort: 23, cleartext: true, terminal: true },
  { name: 'PostgreSQL', templateExecutor: 'postgresql', defaultPort: 5432, cleartext: false, terminal: false },
  { name: 'MySQL', templateExecutor: 'mysql', defaultPort: 3306, cleartext: false, terminal: false },
  { name: 'LDAP', templateExecutor: 'ldap', defaultPort: 636, cleartext: false, terminal: false },
] as const satisfies readonly { readonly name: string; readonly templateExecutor: TemplateExecutor; readonly defaultPort: number; readonly cleartext: boolean; readonly terminal: boolean }[];

export type ExecutorName = (typeof EXECUTORS)[number]['name'];
export type Executor = (typeof EXECUTORS)[number];

export const EXECUTOR_NAMES: readonly ExecutorName[] = EXECUTORS.map((e) => e.name);

/** What pamdesk tells an operator who picks an executor that sends secrets in clear. */
export function cleartextWarning(executor: Executor): string | null {
  return executor.cleartext
    ? `${executor.name} sends the login and every line of the template, the new password included, in clear over the network: anyone on the path can read them. Use it only for legacy devices that have nothing else, on a network you trust.`
    : null;
}

/** The registered executor whose templates carry this template executor value ("ssh", "telnet"). */
export function executorForTemplate(templateExecutor: TemplateExecutor): Executor {
  const found = EXECUTORS.find((e) => e.templateExecutor === templateExecutor);
  if (found === undefined) throw new Error(`No executor is registered for templates of "${templateExecutor}".`);
  return found;
}

/**
 * Executors of Segura's template library (the folder names of senhasegura/execution-templates) that
 * pamdesk does not have: their templates are refused at import by name, not with parse errors in a
 * language they are not written in.
 */
export const UNSUPPORTED_EXECUTORS = ['Oracle', 'SQL Server', 'HTTP', 'Tk Expect', 'Windows RM', 'Windows RPC', 'Windows SMB', 'VMWare ESXi', 'IBM 3270 Terminal'] as const;

/** The unsupported executor a plugin name denotes (without regard to case), if it is one. */
export function findUnsupportedExecutor(plugin: string): string | undefined {
  const wanted = plugin.trim().toLowerCase();
  return UNSUPPORTED_EXECUTORS.find((name) => name.toLowerCase() === wanted);
}

/** Why a plugin name cannot be used, in the operator's words: unknown, or an executor pamdesk lacks. */
export function unregisteredPluginMessage(plugin: string): string {
  const unsupported = findUnsupportedExecutor(plugin);
  const have = EXECUTOR_NAMES.join(', ');
  return unsupported !== undefined
    ? `${unsupported} templates run on the ${unsupported} executor, which pamdesk does not have (it has ${have}). Nothing was imported: keep such templates in the system that runs them.`
    : `"${plugin}" is not an executor pamdesk knows: choose one of ${have}.`;
}

/**
 * The port an executor connects to on a device: its entry in the device's connectivities (seed
 * 004's "SSH:22,Telnet:2323", protocol named like the executor, any case), else its default port.
 */
export function executorPort(executor: Executor, connectivities: readonly { readonly protocol: string; readonly port: number }[]): number {
  return connectivities.find((c) => c.protocol.toLowerCase() === executor.name.toLowerCase())?.port ?? executor.defaultPort;
}

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
