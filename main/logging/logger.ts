/**
 * A small structured logger. Callers pass fields, never secrets; the redaction below is a second
 * line of defence for fields whose names say they hold one.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(event: string, fields?: Readonly<Record<string, unknown>>): void;
  info(event: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(event: string, fields?: Readonly<Record<string, unknown>>): void;
  error(event: string, fields?: Readonly<Record<string, unknown>>): void;
}

const SECRET_FIELD = /pass(word|phrase)?|secret|content|private.?key|pin|token|totp|candidate|kek/i;
const ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

export function redactFields(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = SECRET_FIELD.test(key) ? '[redacted]' : value;
  return out;
}

export function createLogger(options: { readonly level?: LogLevel; readonly write?: (line: string) => void } = {}): Logger {
  const threshold = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log = (level: LogLevel) => (event: string, fields: Readonly<Record<string, unknown>> = {}) => {
    if (ORDER[level] < threshold) return;
    write(JSON.stringify({ at: new Date().toISOString(), level, event, ...redactFields(fields) }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** For tests and for the CLI's --json mode, where stderr noise would confuse a caller. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
