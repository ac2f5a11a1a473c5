import { z } from 'zod';

// Each field is declared once, without its default: the stored settings add the defaults, and the
// update patch makes them optional. (zod fills defaults inside .partial(), so a patch built from the
// defaulted schema would quietly reset every field it does not name.)
const idleLockMinutes = z.number().int().min(0, '0 turns idle locking off.').max(240, 'At most 240 minutes.');
const clipboardClearSeconds = z.number().int().min(5, 'At least 5 seconds.').max(600, 'At most 600 seconds.');
/** Bulk requests not decided within this many hours become Expired (Segura documents no default). */
const bulkApprovalExpiryHours = z.number().int().min(1, 'At least 1 hour.').max(720, 'At most 720 hours (30 days).');

/** Each user's own choice (shared/contract/preferences.ts), not a vault-wide setting. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const runnerFields = {
  /** Operations running at once across the vault. */
  globalConcurrency: z.number().int().min(1).max(64),
  /** Operations running at once on one device: most devices dislike parallel password changes. */
  perDeviceConcurrency: z.number().int().min(1).max(8),
  /** Segura's "Number of change attempts". */
  attempts: z.number().int().min(1).max(20),
  /** Segura's "Interval between attempts (min)". */
  intervalMinutes: z.number().min(0).max(1440),
  /** Segura's "Interval between attempts with error (min)": the next automatic try after Error. */
  intervalAfterErrorMinutes: z.number().min(0).max(10080),
  /** Verify every credential this often (hours); 0 turns periodic verification off. */
  periodicVerifyHours: z.number().min(0).max(8760),
};
const RUNNER_DEFAULTS = { globalConcurrency: 8, perDeviceConcurrency: 1, attempts: 3, intervalMinutes: 5, intervalAfterErrorMinutes: 60, periodicVerifyHours: 0 } as const;

export const SIEM_TRANSPORTS = ['udp', 'tcp', 'tls'] as const;
export type SiemTransport = (typeof SIEM_TRANSPORTS)[number];
/** A CA certificate is public, but a whole bundle is long: capped so preferences stay small. */
export const MAX_CA_PEM_LENGTH = 65_536;

const siemFields = {
  enabled: z.boolean(),
  /** tls verifies the collector against caPem and never falls back to plaintext. */
  transport: z.enum(SIEM_TRANSPORTS),
  host: z.string().trim().max(253, 'A host name has at most 253 characters.'),
  port: z.number().int().min(1, 'A port is 1 to 65535.').max(65535, 'A port is 1 to 65535.'),
  /** The CA (PEM) that signed the collector's certificate; the system CAs are not trusted for this. */
  caPem: z.string().max(MAX_CA_PEM_LENGTH, `At most ${MAX_CA_PEM_LENGTH} characters of PEM.`).nullable(),
  /** RFC 5424 facility; 13 is "log audit". */
  facility: z.number().int().min(0, 'A syslog facility is 0 to 23.').max(23, 'A syslog facility is 0 to 23.'),
};
const SIEM_DEFAULTS = { enabled: false, transport: 'tls', host: '', port: 6514, caPem: null, facility: 13 } as const;

/** A forwarding target must be complete before it is switched on. */
function checkSiemTarget(siem: { enabled: boolean; transport: SiemTransport; host: string; caPem: string | null }, context: z.RefinementCtx): void {
  if (!siem.enabled) return;
  if (siem.host === '') context.addIssue({ code: 'custom', path: ['host'], message: 'Enter the collector host before enabling SIEM forwarding.' });
  if (siem.transport === 'tls' && !siem.caPem?.includes('-----BEGIN CERTIFICATE-----')) {
    context.addIssue({ code: 'custom', path: ['caPem'], message: "TLS needs the collector's CA certificate (PEM) to verify it; paste it, or choose another transport." });
  }
}

/** Preferences: never secrets. Kept by electron-store (desktop) or its conf core (host, CLI). */
export const settingsSchema = z.object({
  idleLockMinutes: idleLockMinutes.default(5),
  clipboardClearSeconds: clipboardClearSeconds.default(30),
  bulkApprovalExpiryHours: bulkApprovalExpiryHours.default(72),
  runner: z
    .object({
      globalConcurrency: runnerFields.globalConcurrency.default(RUNNER_DEFAULTS.globalConcurrency),
      perDeviceConcurrency: runnerFields.perDeviceConcurrency.default(RUNNER_DEFAULTS.perDeviceConcurrency),
      attempts: runnerFields.attempts.default(RUNNER_DEFAULTS.attempts),
      intervalMinutes: runnerFields.intervalMinutes.default(RUNNER_DEFAULTS.intervalMinutes),
      intervalAfterErrorMinutes: runnerFields.intervalAfterErrorMinutes.default(RUNNER_DEFAULTS.intervalAfterErrorMinutes),
      periodicVerifyHours: runnerFields.periodicVerifyHours.default(RUNNER_DEFAULTS.periodicVerifyHours),
    })
    .default(RUNNER_DEFAULTS),
  siem: z
    .object({
      enabled: siemFields.enabled.default(SIEM_DEFAULTS.enabled),
      transport: siemFields.transport.default(SIEM_DEFAULTS.transport),
      host: siemFields.host.default(SIEM_DEFAULTS.host),
      port: siemFields.port.default(SIEM_DEFAULTS.port),
      caPem: siemFields.caPem.default(SIEM_DEFAULTS.caPem),
      facility: siemFields.facility.default(SIEM_DEFAULTS.facility),
    })
    .superRefine(checkSiemTarget)
    .default(SIEM_DEFAULTS),
});
export type Settings = z.infer<typeof settingsSchema>;
export type RunnerSettings = Settings['runner'];
export type SiemSettings = Settings['siem'];
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/**
 * Security settings live in the vault (encrypted and authenticated with it, changed only through
 * settings.update, audited), not in preferences.json, which anyone who can write the data folder
 * can edit: where the audit trail goes and whether it goes, when an idle session locks, and how
 * long a four-eyes request stays open.
 */
export const SECURITY_SETTING_FIELDS = ['idleLockMinutes', 'bulkApprovalExpiryHours', 'siem'] as const;
export type SecuritySettingField = (typeof SECURITY_SETTING_FIELDS)[number];

/** settings.update: only the fields named change; runner and siem merge field by field. */
export const settingsPatchSchema = z
  .object({
    idleLockMinutes: idleLockMinutes.optional(),
    clipboardClearSeconds: clipboardClearSeconds.optional(),
    bulkApprovalExpiryHours: bulkApprovalExpiryHours.optional(),
    runner: z.object(runnerFields).partial().strict().optional(),
    siem: z.object(siemFields).partial().strict().optional(),
  })
  .strict();
export type SettingsPatch = z.output<typeof settingsPatchSchema>;
