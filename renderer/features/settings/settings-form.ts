import { settingsSchema, type Settings, type SiemTransport } from '../../../shared/contract/settings';

/** The form as typed: numbers stay strings until saved, so a half-typed value is not lost. */
export interface SettingsForm {
  readonly idleLockMinutes: string;
  readonly clipboardClearSeconds: string;
  readonly bulkApprovalExpiryHours: string;
  readonly globalConcurrency: string;
  readonly perDeviceConcurrency: string;
  readonly attempts: string;
  readonly intervalMinutes: string;
  readonly intervalAfterErrorMinutes: string;
  readonly periodicVerifyHours: string;
  readonly siemEnabled: boolean;
  readonly siemTransport: SiemTransport;
  readonly siemHost: string;
  readonly siemPort: string;
  readonly siemCaPem: string;
  readonly siemFacility: string;
}

export type SettingsField = keyof SettingsForm;
export type SettingsErrors = Partial<Record<SettingsField, string>>;

/** Each form field and where it lives in the contract's Settings (the path main's errors name). */
const PATHS: Readonly<Record<SettingsField, string>> = {
  idleLockMinutes: 'idleLockMinutes',
  clipboardClearSeconds: 'clipboardClearSeconds',
  bulkApprovalExpiryHours: 'bulkApprovalExpiryHours',
  globalConcurrency: 'runner.globalConcurrency',
  perDeviceConcurrency: 'runner.perDeviceConcurrency',
  attempts: 'runner.attempts',
  intervalMinutes: 'runner.intervalMinutes',
  intervalAfterErrorMinutes: 'runner.intervalAfterErrorMinutes',
  periodicVerifyHours: 'runner.periodicVerifyHours',
  siemEnabled: 'siem.enabled',
  siemTransport: 'siem.transport',
  siemHost: 'siem.host',
  siemPort: 'siem.port',
  siemCaPem: 'siem.caPem',
  siemFacility: 'siem.facility',
};

/** What the "saved" sentence calls each field. */
export const FIELD_LABEL: Readonly<Record<SettingsField, string>> = {
  idleLockMinutes: 'Idle lock (minutes)',
  clipboardClearSeconds: 'Clipboard clear (seconds)',
  bulkApprovalExpiryHours: 'Approval expiry (hours)',
  globalConcurrency: 'Operations at once',
  perDeviceConcurrency: 'Operations at once per device',
  attempts: 'Change attempts',
  intervalMinutes: 'Interval between attempts (minutes)',
  intervalAfterErrorMinutes: 'Interval after an error (minutes)',
  periodicVerifyHours: 'Periodic verification (hours)',
  siemEnabled: 'SIEM forwarding',
  siemTransport: 'SIEM transport',
  siemHost: 'SIEM host',
  siemPort: 'SIEM port',
  siemCaPem: 'SIEM CA certificate',
  siemFacility: 'SIEM facility',
};

const NUMBER_FIELDS = new Set<SettingsField>([
  'idleLockMinutes',
  'clipboardClearSeconds',
  'bulkApprovalExpiryHours',
  'globalConcurrency',
  'perDeviceConcurrency',
  'attempts',
  'intervalMinutes',
  'intervalAfterErrorMinutes',
  'periodicVerifyHours',
  'siemPort',
  'siemFacility',
]);

export function toForm(settings: Settings): SettingsForm {
  const { runner, siem } = settings;
  return {
    idleLockMinutes: String(settings.idleLockMinutes),
    clipboardClearSeconds: String(settings.clipboardClearSeconds),
    bulkApprovalExpiryHours: String(settings.bulkApprovalExpiryHours),
    globalConcurrency: String(runner.globalConcurrency),
    perDeviceConcurrency: String(runner.perDeviceConcurrency),
    attempts: String(runner.attempts),
    intervalMinutes: String(runner.intervalMinutes),
    intervalAfterErrorMinutes: String(runner.intervalAfterErrorMinutes),
    periodicVerifyHours: String(runner.periodicVerifyHours),
    siemEnabled: siem.enabled,
    siemTransport: siem.transport,
    siemHost: siem.host,
    siemPort: String(siem.port),
    siemCaPem: siem.caPem ?? '',
    siemFacility: String(siem.facility),
  };
}

/** A blank box is NaN, which the checks below turn into "Enter a number". */
const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

function toSettings(form: SettingsForm): Settings {
  return {
    idleLockMinutes: num(form.idleLockMinutes),
    clipboardClearSeconds: num(form.clipboardClearSeconds),
    bulkApprovalExpiryHours: num(form.bulkApprovalExpiryHours),
    runner: {
      globalConcurrency: num(form.globalConcurrency),
      perDeviceConcurrency: num(form.perDeviceConcurrency),
      attempts: num(form.attempts),
      intervalMinutes: num(form.intervalMinutes),
      intervalAfterErrorMinutes: num(form.intervalAfterErrorMinutes),
      periodicVerifyHours: num(form.periodicVerifyHours),
    },
    siem: {
      enabled: form.siemEnabled,
      transport: form.siemTransport,
      host: form.siemHost.trim(),
      port: num(form.siemPort),
      caPem: form.siemCaPem.trim() === '' ? null : form.siemCaPem,
      facility: num(form.siemFacility),
    },
  };
}

/** The field a contract path names ("siem.host" → siemHost), if any. */
export function fieldOfPath(path: string): SettingsField | undefined {
  return (Object.keys(PATHS) as SettingsField[]).find((field) => PATHS[field] === path);
}

/**
 * Checks the form with the shared schema main uses (ranges, and a SIEM target complete before it is
 * enabled), so the operator sees the same messages before saving that main would give after.
 */
export function validate(form: SettingsForm): { readonly settings: Settings; readonly errors: SettingsErrors } {
  const settings = toSettings(form);
  const errors: Record<string, string> = {};
  for (const field of NUMBER_FIELDS) if (!Number.isFinite(num(form[field] as string))) errors[field] = 'Enter a number.';
  const parsed = settingsSchema.safeParse(settings);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path.join('.'));
      if (field && errors[field] === undefined) errors[field] = issue.message;
    }
  }
  return { settings: parsed.success ? parsed.data : settings, errors };
}

/** Errors from main's VALIDATION answer ("siem.host: message") placed on their fields. */
export function errorsFromProblems(problems: unknown): SettingsErrors {
  const errors: SettingsErrors = {};
  if (!Array.isArray(problems)) return errors;
  for (const problem of problems) {
    if (typeof problem !== 'string') continue;
    const split = problem.indexOf(': ');
    const field = split > 0 ? fieldOfPath(problem.slice(0, split)) : undefined;
    if (field) errors[field] = problem.slice(split + 2);
  }
  return errors;
}

/** The fields whose value differs between two forms, in the form's order. */
export function changedFields(before: SettingsForm, after: SettingsForm): SettingsField[] {
  return (Object.keys(PATHS) as SettingsField[]).filter((field) => before[field] !== after[field]);
}

/** "Idle lock (minutes): 10" for the saved sentence; the CA's text is long, so only its presence is said. */
export function describeChange(field: SettingsField, form: SettingsForm): string {
  const value = form[field];
  if (field === 'siemCaPem') return `${FIELD_LABEL[field]}: ${form.siemCaPem.trim() === '' ? 'removed' : 'set'}`;
  if (typeof value === 'boolean') return `${FIELD_LABEL[field]}: ${value ? 'on' : 'off'}`;
  return `${FIELD_LABEL[field]}: ${value}`;
}
