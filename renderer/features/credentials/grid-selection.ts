import type { CredentialGridRow } from '../../../shared/domain/credential-grid-query';

type Loaded = readonly { readonly index: number; readonly row: CredentialGridRow }[];

/** Ids of the loaded rows between two indexes, inclusive, in either order. */
export function idsInRange(loaded: Loaded, a: number, b: number): Set<number> {
  const [from, to] = a <= b ? [a, b] : [b, a];
  return new Set(loaded.filter(({ index }) => index >= from && index <= to).map(({ row }) => row.id));
}

export function toggled(selected: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
