import type { ImportRowError } from '../../shared/contract/transfer-channels';

/**
 * One CSV row turned into what the upsert takes: the credential body (seed 004's fields, secrets
 * included, so it lives in main only) and the device it belongs to.
 */
export type MappedRow =
  | { readonly kind: 'upsert'; readonly row: number; readonly line: number; readonly body: Readonly<Record<string, unknown>>; readonly hostname: string; readonly ip: string }
  | { readonly kind: 'skip'; readonly row: number; readonly line: number; readonly label: string; readonly note: string }
  | { readonly kind: 'error'; readonly row: number; readonly line: number; readonly label: string; readonly errors: readonly ImportRowError[] };

/** Header name → column index, case- and space-insensitive. */
export type HeaderIndex = ReadonlyMap<string, number>;

export function headerKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '_');
}

export function indexHeader(header: readonly string[]): HeaderIndex {
  return new Map(header.map((name, i) => [headerKey(name), i] as const));
}

/** The cell under a header, trimmed; '' when the column or the cell is absent. */
export function cell(fields: readonly string[], index: HeaderIndex, name: string): string {
  const at = index.get(headerKey(name));
  return at === undefined ? '' : (fields[at] ?? '').trim();
}

/** The cell with its inner whitespace kept (passwords, notes); only a trailing CR/LF is dropped. */
export function rawCell(fields: readonly string[], index: HeaderIndex, name: string): string {
  const at = index.get(headerKey(name));
  return at === undefined ? '' : (fields[at] ?? '');
}

export function rowError(row: number, line: number, problem: string, fix: string): ImportRowError {
  return { row, line, problem, fix };
}
