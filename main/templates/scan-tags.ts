/** One `[#NAME#]` or `[#NAME|filter#]` found in a step's text. */
export interface TagToken {
  readonly name: string;
  /** The text after `|`, or null when there is none. */
  readonly filter: string | null;
  /** 0-based offset of `[#` in the text. */
  readonly index: number;
  /** The whole token, brackets included. */
  readonly raw: string;
}

// Names are word characters so that a regex such as "/[#$>] ?$/" is not taken for a tag; case is
// kept so the linter can say "tags are upper case" instead of "unknown tag".
const TAG = /\[#([A-Za-z0-9_]+)(?:\|([A-Za-z0-9_-]*))?#\]/g;
// `[#` then a letter that no complete tag explains: almost always a typo such as [#NEW_PASSWORD].
const TAG_START = /\[#[A-Za-z_]/g;

export function scanTags(text: string): readonly TagToken[] {
  return [...text.matchAll(TAG)].map((match) => ({
    name: match[1] ?? '',
    filter: match[2] ?? null,
    index: match.index,
    raw: match[0],
  }));
}

/** Offsets of `[#` openings that are not the start of a complete tag. */
export function scanMalformedTagStarts(text: string, tags: readonly TagToken[]): readonly number[] {
  const starts = new Set(tags.map((tag) => tag.index));
  return [...text.matchAll(TAG_START)].map((match) => match.index).filter((index) => !starts.has(index));
}

/** Replaces each tag with what `replace` returns, leaving the rest of the text as it is. */
export function replaceTags(text: string, replace: (tag: TagToken) => string): string {
  let out = '';
  let from = 0;
  for (const tag of scanTags(text)) {
    out += text.slice(from, tag.index) + replace(tag);
    from = tag.index + tag.raw.length;
  }
  return out + text.slice(from);
}
