import type { ExecutionSettings, JitSettings } from './credential-settings';

/**
 * Seed 004's 1046 ("Plugin not informed") and 1047 ("Template plugin not informed"), checked on the
 * settings as they will be stored (sent values merged over stored ones).
 *
 * JIT: the seed requires the plugin and template of each enabled JIT action (creation and deletion,
 * or enablement and disablement) when jit is on.
 *
 * Execution settings: the seed lists change_plugin/change_template and reconciliation_plugin/
 * reconciliation_template without saying when they are required. pamdesk requires them exactly
 * when the action they drive is enabled - change_* when automatic_change is true, reconciliation_*
 * when status (reconciliation) is true - because an enabled rotation or reconciliation without a
 * plugin and template cannot run, while a disabled one may be saved half-configured.
 */
export type PluginRequirementFailure = {
  readonly code: 1046 | 1047;
  readonly field: string;
};

interface Requirement {
  readonly enabled: boolean;
  readonly plugin: readonly [string, string | null | undefined];
  readonly template: readonly [string, string | null | undefined];
}

function isMissing(value: string | null | undefined): boolean {
  return value === undefined || value === null || value.trim() === '';
}

export function checkPluginRequirements(
  execution: ExecutionSettings | null,
  jit: JitSettings | null,
): PluginRequirementFailure | null {
  const jitOn = jit?.jit === true;
  const requirements: readonly Requirement[] = [
    {
      enabled: execution?.automatic_change === true,
      plugin: ['execution_settings.change_plugin', execution?.change_plugin],
      template: ['execution_settings.change_template', execution?.change_template],
    },
    {
      enabled: execution?.status === true,
      plugin: ['execution_settings.reconciliation_plugin', execution?.reconciliation_plugin],
      template: ['execution_settings.reconciliation_template', execution?.reconciliation_template],
    },
    {
      enabled: jitOn && jit?.credential_creation_and_deletion === true,
      plugin: ['jit_settings.credential_creation_plugin', jit?.credential_creation_plugin],
      template: ['jit_settings.credential_creation_template', jit?.credential_creation_template],
    },
    {
      enabled: jitOn && jit?.credential_creation_and_deletion === true,
      plugin: ['jit_settings.credential_deletion_plugin', jit?.credential_deletion_plugin],
      template: ['jit_settings.credential_deletion_template', jit?.credential_deletion_template],
    },
    {
      enabled: jitOn && jit?.enable_disable_credential === true,
      plugin: ['jit_settings.credential_enable_plugin', jit?.credential_enable_plugin],
      template: ['jit_settings.credential_enable_template', jit?.credential_enable_template],
    },
    {
      enabled: jitOn && jit?.enable_disable_credential === true,
      plugin: ['jit_settings.credential_disable_plugin', jit?.credential_disable_plugin],
      template: ['jit_settings.credential_disable_template', jit?.credential_disable_template],
    },
  ];
  const enabled = requirements.filter((r) => r.enabled);
  // Every missing plugin is reported before any missing template, as the seed lists 1046 first.
  const noPlugin = enabled.find((r) => isMissing(r.plugin[1]));
  if (noPlugin) return { code: 1046, field: noPlugin.plugin[0] };
  const noTemplate = enabled.find((r) => isMissing(r.template[1]));
  if (noTemplate) return { code: 1047, field: noTemplate.template[0] };
  return null;
}
