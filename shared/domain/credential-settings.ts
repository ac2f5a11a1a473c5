import { z } from 'zod';
import { optionalHostname, optionalIp, optionalLabel } from './field-schemas';
import { lenientBoolean, optionalText } from './lenient-values';

/** seed 004 "Execution settings": automatic change and reconciliation. */
export const executionSettingsSchema = z.object({
  parent_credential: optionalLabel('parent_credential'),
  parent_hostname: optionalHostname('parent_hostname'),
  parent_ip: optionalIp('parent_ip'),
  automatic_change: lenientBoolean.nullish(),
  agent_based_password_change: lenientBoolean.nullish(),
  change_plugin: optionalLabel('change_plugin'),
  change_template: optionalLabel('change_template'),
  use_own_credential_to_connect: lenientBoolean.nullish(),
  authentication_credential: optionalLabel('authentication_credential'),
  authentication_hostname: optionalHostname('authentication_hostname'),
  authentication_ip: optionalIp('authentication_ip'),
  /** Reconciliation after a failed rotation is on. */
  status: lenientBoolean.nullish(),
  reconciliation_credential: optionalLabel('reconciliation_credential'),
  reconciliation_hostname: optionalHostname('reconciliation_hostname'),
  reconciliation_ip: optionalIp('reconciliation_ip'),
  reconciliation_plugin: optionalLabel('reconciliation_plugin'),
  reconciliation_template: optionalLabel('reconciliation_template'),
});

/** seed 004 "Session settings": the protocol keys are spelled as in the seed, spaces included. */
export const sessionSettingsSchema = z.object({
  SSH: lenientBoolean.nullish(),
  Telnet: lenientBoolean.nullish(),
  MySQL: lenientBoolean.nullish(),
  'SQL Server': lenientBoolean.nullish(),
  HTTP: lenientBoolean.nullish(),
  HTTPS: lenientBoolean.nullish(),
  RDP: lenientBoolean.nullish(),
  'X11 Forward': lenientBoolean.nullish(),
  VNC: lenientBoolean.nullish(),
  restrict_access_to_remote_application: lenientBoolean.nullish(),
  macros: z
    .array(z.object({ remote_app: z.string(), connectivity: z.string() }))
    .nullish(),
  use_own_credential_to_connect: lenientBoolean.nullish(),
  authentication_credential: optionalLabel('authentication_credential'),
  authentication_hostname: optionalHostname('authentication_hostname'),
  authentication_ip: optionalIp('authentication_ip'),
});

/** seed 004 "JIT settings": both scenarios (create/delete and enable/disable) share one object. */
export const jitSettingsSchema = z.object({
  jit: lenientBoolean.nullish(),
  credential_creation_and_deletion: lenientBoolean.nullish(),
  enable_disable_credential: lenientBoolean.nullish(),
  use_own_credential_to_connect: lenientBoolean.nullish(),
  // The seed types these as boolean in one place and string in another; they name a credential,
  // hostname and IP, so they are strings.
  authentication_credential: optionalLabel('authentication_credential'),
  authentication_hostname: optionalHostname('authentication_hostname'),
  authentication_ip: optionalIp('authentication_ip'),
  credential_creation_plugin: optionalLabel('credential_creation_plugin'),
  credential_creation_template: optionalLabel('credential_creation_template'),
  credential_deletion_plugin: optionalLabel('credential_deletion_plugin'),
  credential_deletion_template: optionalLabel('credential_deletion_template'),
  credential_enable_plugin: optionalLabel('credential_enable_plugin'),
  credential_enable_template: optionalLabel('credential_enable_template'),
  credential_disable_plugin: optionalLabel('credential_disable_plugin'),
  credential_disable_template: optionalLabel('credential_disable_template'),
});

/**
 * Seed 004's use_own_credential_to_connect read as pamdesk runs it: only an explicit false makes a
 * credential connect through its authentication credential; absent (or empty) means it logs in as
 * itself. The runner, the save-time check and the approval gate's comparison all ask this.
 */
export function connectsAsItself(value: unknown): boolean {
  return value !== false;
}

export const CRITICALITIES = ['low', 'medium', 'high'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

/** The seed's example sends "High": accept any case, store lower case. */
export const criticalitySchema = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(CRITICALITIES));

export const additionalAuthenticationFieldSchema = z.object({
  name: z.string(),
  short_name: z.string(),
  value: z.string(),
});

const additionalSettingsObjectSchema = z.object({
  /** An A2A identifier, distinct from the credential's own identifier. */
  identifier: optionalText,
  user_credential_owner: optionalLabel('user_credential_owner'),
  server_path: optionalLabel('server path', 1000),
  /** TOTP seed: sealed at rest. */
  secret_key: optionalText,
  criticality: criticalitySchema.nullish(),
  additional_authentication_fields: z.array(additionalAuthenticationFieldSchema).nullish(),
  notes: optionalText,
});

/**
 * The seed documents additional_settings as an object but its example sends an array holding one
 * object; both are accepted and normalised to the object.
 */
export const additionalSettingsSchema = z
  .union([additionalSettingsObjectSchema, z.array(additionalSettingsObjectSchema).max(1)])
  .transform((value) => (Array.isArray(value) ? value[0] : value));

export type ExecutionSettings = z.output<typeof executionSettingsSchema>;
export type SessionSettings = z.output<typeof sessionSettingsSchema>;
export type JitSettings = z.output<typeof jitSettingsSchema>;
export type AdditionalSettingsInput = z.output<typeof additionalSettingsObjectSchema>;
export type AdditionalAuthenticationField = z.output<typeof additionalAuthenticationFieldSchema>;
