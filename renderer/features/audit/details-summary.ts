/** At most this many characters in the table cell; the full details are in the details pane. */
const MAX_SUMMARY = 140;

function scalar(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.length}]`;
  return '{…}';
}

/** "field: value, field: value": the details of an entry at a glance (main has already removed secrets). */
export function summarizeDetails(details: unknown): string {
  if (details === null || details === undefined) return '';
  const text =
    typeof details === 'object' && !Array.isArray(details)
      ? Object.entries(details as Record<string, unknown>)
          .map(([key, value]) => `${key}: ${scalar(value)}`)
          .join(', ')
      : scalar(details);
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

/** The whole details as indented JSON, for the details pane. */
export function fullDetails(details: unknown): string {
  return JSON.stringify(details, null, 2) ?? '';
}
