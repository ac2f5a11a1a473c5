/**
 * Tags travel as one comma-separated string (the seed's "tags - string"). They are normalised once,
 * here, so that storage, filters and the editor agree on what a tag is: trimmed, non-empty, and
 * each distinct (case-sensitive) tag once, in first-seen order.
 */
export function parseTagList(text: string | null | undefined): readonly string[] {
  if (text === null || text === undefined) return [];
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const tag = part.trim();
    if (tag !== '') seen.add(tag);
  }
  return [...seen];
}

export function formatTagList(tags: readonly string[]): string {
  return tags.join(',');
}
