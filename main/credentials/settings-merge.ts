/**
 * Seed 004: "send the parameters you want to update". A settings object sent on update changes
 * only the keys it carries: a value replaces, null removes the key, an absent key is kept. Sending
 * the whole object as null clears it. Arrays (macros) are values, so they are replaced whole.
 */
export function mergeSettings<T extends object>(
  stored: T | null,
  sent: T | null | undefined,
): T | null {
  if (sent === undefined) return stored;
  if (sent === null) return null;
  const merged = new Map<string, unknown>(Object.entries(stored ?? {}));
  for (const [key, value] of Object.entries(sent)) {
    if (value === undefined) continue;
    if (value === null) merged.delete(key);
    else merged.set(key, value);
  }
  return merged.size === 0 ? null : (Object.fromEntries(merged) as T);
}

/** A stored settings object as the JSON text column holds it. */
export function settingsJson(settings: object | null): string | null {
  return settings === null ? null : JSON.stringify(settings);
}
