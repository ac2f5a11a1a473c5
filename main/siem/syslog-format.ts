/**
 * RFC 5424 formatting. Header fields are PRINTUSASCII (33..126) with length limits; an SD-PARAM
 * value escapes exactly '"', '\' and ']'; the MSG is UTF-8, with the BOM only when it is not plain
 * ASCII (some collectors show a BOM as garbage, and ASCII is valid UTF-8 either way).
 */
export const PAMDESK_ENTERPRISE_ID = 32473;
export const NIL = '-';

/** RFC 5424 severities by name, numerically. */
export const SEVERITY = { emergency: 0, alert: 1, critical: 2, error: 3, warning: 4, notice: 5, info: 6, debug: 7 } as const;
export type Severity = keyof typeof SEVERITY;

export interface SyslogMessage {
  readonly facility: number;
  readonly severity: Severity;
  readonly timestamp: Date;
  readonly hostname: string;
  readonly appName: string;
  readonly procId: string;
  readonly msgId: string;
  /** One SD-ELEMENT, [sdId name="value" ...]; parameters with null values are left out. */
  readonly structuredData: { readonly id: string; readonly params: Readonly<Record<string, string | number | null>> } | null;
  readonly msg: string;
}

/** Keeps printable US-ASCII only (no spaces), within the field's limit; '-' when nothing is left. */
export function headerField(value: string, maxLength: number): string {
  const printable = [...value].filter((ch) => ch.charCodeAt(0) >= 33 && ch.charCodeAt(0) <= 126).join('').slice(0, maxLength);
  return printable === '' ? NIL : printable;
}

/** SD-NAME: printable US-ASCII except '=', ' ', ']' and '"', at most 32 characters. */
function sdName(value: string): string {
  return headerField(value.replace(/[= \]"]/g, '_'), 32);
}

export function escapeParamValue(value: string): string {
  return value.replace(/[\\"\]]/g, (ch) => `\\${ch}`);
}

/** 2024-05-01T12:00:00.123+02:00: the local offset, as RFC 5424 recommends over a bare Z. */
export function timestampWithOffset(date: Date): string {
  const offsetMinutes = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local.toISOString().slice(0, 23)}${offset}`;
}

function structuredData(sd: SyslogMessage['structuredData']): string {
  if (sd === null) return NIL;
  const params = Object.entries(sd.params)
    .filter((entry): entry is [string, string | number] => entry[1] !== null)
    .map(([name, value]) => ` ${sdName(name)}="${escapeParamValue(String(value))}"`)
    .join('');
  return `[${sdName(sd.id)}${params}]`;
}

// eslint-disable-next-line no-control-regex -- the point is to find anything outside ASCII.
const NON_ASCII = /[^\x00-\x7f]/;

export function formatSyslog(message: SyslogMessage): string {
  if (!Number.isInteger(message.facility) || message.facility < 0 || message.facility > 23) throw new Error(`Syslog facility ${message.facility} is out of range: use 0 to 23.`);
  const pri = message.facility * 8 + SEVERITY[message.severity];
  const header = [
    `<${pri}>1`,
    timestampWithOffset(message.timestamp),
    headerField(message.hostname, 255),
    headerField(message.appName, 48),
    headerField(message.procId, 128),
    headerField(message.msgId, 32),
  ].join(' ');
  const msg = message.msg === '' ? '' : ` ${NON_ASCII.test(message.msg) ? '\uFEFF' : ''}${message.msg}`;
  return `${header} ${structuredData(message.structuredData)}${msg}`;
}
