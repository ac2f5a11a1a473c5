import { formatApiErrorMessage } from '../../../shared/domain/api-error-codes';
import { formatConnectivityList, parseConnectivityList } from '../../../shared/domain/connectivity-list';
import type { DeviceInput } from '../../../shared/domain/device-input';
import { isDeviceShell, type DeviceShell } from '../../../shared/domain/device-shell';
import { hostnameProblem, ipProblem, tagListProblem } from '../../../shared/domain/field-rules';
import type { DeviceView } from '../../../shared/domain/device-view';
import type { AppError } from '../../../shared/errors';

export interface DeviceForm {
  hostname: string;
  ip: string;
  type: string;
  vendor: string;
  model: string;
  site: string;
  domains: string[];
  tags: string;
  connectivities: string;
  /** '' follows the type and vendor (shared/domain/device-shell.ts). */
  shell: DeviceShell | '';
}

export type DeviceField = 'hostname' | 'ip' | 'domains' | 'connectivities';

export interface DeviceErrors {
  readonly summary: string;
  readonly fields: Partial<Record<DeviceField, string>>;
}

export function deviceForm(device: DeviceView | undefined): DeviceForm {
  return {
    hostname: device?.hostname ?? '',
    ip: device?.ip ?? '',
    type: device?.type ?? '',
    vendor: device?.vendor ?? '',
    model: device?.model ?? '',
    site: device?.site ?? '',
    domains: [...(device?.domains ?? [])],
    tags: device?.tags.join(',') ?? '',
    connectivities: formatConnectivityList(device?.connectivities ?? []),
    shell: device?.shell ?? '',
  };
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

export function deviceInput(form: DeviceForm): DeviceInput {
  return {
    hostname: form.hostname.trim(),
    ip: form.ip.trim(),
    type: orNull(form.type),
    vendor: orNull(form.vendor),
    model: orNull(form.model),
    site: orNull(form.site),
    device_domain: form.domains.length === 0 ? null : form.domains.join(','),
    device_tags: orNull(form.tags),
    connectivities: orNull(form.connectivities),
    shell: isDeviceShell(form.shell) ? form.shell : null,
  };
}

const notSaved = (fields: DeviceErrors['fields'], what: string): DeviceErrors => ({ summary: `The device was not saved: ${what}`, fields });

/** The same checks main makes, with seed 004's messages, so mistakes show before sending. */
export function validateDevice(form: DeviceForm): DeviceErrors | undefined {
  if (form.hostname.trim() === '') return notSaved({ hostname: formatApiErrorMessage(1004) }, `${formatApiErrorMessage(1004)}. Enter the hostname.`);
  if (form.ip.trim() === '') return notSaved({ ip: formatApiErrorMessage(1005) }, `${formatApiErrorMessage(1005)}. Enter the IP address.`);
  const hostname = hostnameProblem(form.hostname.trim());
  if (hostname !== null) return notSaved({ hostname }, hostname);
  const ip = ipProblem(form.ip.trim());
  if (ip !== null) return notSaved({ ip }, ip);
  const tags = tagListProblem(form.tags, 'device tags');
  if (tags !== null) return notSaved({}, tags);
  const connectivities = parseConnectivityList(form.connectivities);
  if (!connectivities.ok) return notSaved({ connectivities: connectivities.detail }, `${connectivities.detail} Correct the connectivities.`);
  return undefined;
}

/** Main's refusal, placed by what it names (its seed code, or the field in its message). */
export function deviceErrorsFromServer(error: AppError): DeviceErrors {
  const message = error.message;
  const field: DeviceField | undefined =
    /^1004\b|hostname/i.test(message) ? 'hostname'
    : /^1005\b|\bIP\b/.test(message) ? 'ip'
    : /^1029\b|domain/i.test(message) ? 'domains'
    : /connectivit/i.test(message) ? 'connectivities'
    : undefined;
  return notSaved(field ? { [field]: message } : {}, message);
}
