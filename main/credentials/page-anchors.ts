import { sql, type Kysely } from 'kysely';

/** Where a page of a sorted walk ended: `offset` rows come before it, the last of them has `key`. */
export interface PageAnchor {
  readonly offset: number;
  /** The values of the walk's order terms (ending with the credential's id) on that last row. */
  readonly key: readonly unknown[];
}

/**
 * The ends of pages already served, per query, so that a page deep in a sorted walk starts just
 * after the nearest one (a keyset seek) instead of stepping over every row before it: OFFSET costs
 * about its value (1-2 s at 1,000,000), and scrolling asks for page after page a little further on.
 * Anchors hold only while the data is as it was: any write on the vault's connection, or a commit
 * by another process, changes `dataVersion` and drops them.
 */
export interface PageAnchors {
  nearest(query: string, version: string, offset: number): PageAnchor | undefined;
  record(query: string, version: string, anchor: PageAnchor): void;
}

const QUERIES_KEPT = 16;
const ANCHORS_PER_QUERY = 5_000;

export function createPageAnchors(): PageAnchors {
  const byQuery = new Map<string, { version: string; anchors: PageAnchor[] }>();
  return {
    nearest(query, version, offset) {
      const kept = byQuery.get(query);
      if (kept === undefined || kept.version !== version) return undefined;
      let best: PageAnchor | undefined;
      for (const anchor of kept.anchors) if (anchor.offset <= offset && (best === undefined || anchor.offset > best.offset)) best = anchor;
      return best;
    },
    record(query, version, anchor) {
      let kept = byQuery.get(query);
      if (kept === undefined || kept.version !== version) {
        byQuery.delete(query);
        kept = { version, anchors: [] };
        byQuery.set(query, kept);
        // The oldest query asked for goes first.
        for (const oldest of byQuery.keys()) {
          if (byQuery.size <= QUERIES_KEPT) break;
          byQuery.delete(oldest);
        }
      }
      if (kept.anchors.length < ANCHORS_PER_QUERY && !kept.anchors.some((known) => known.offset === anchor.offset)) kept.anchors.push(anchor);
    },
  };
}

/** Changes with every write on this connection (total_changes) and every commit by another (data_version). */
export async function dataVersion<DB>(db: Kysely<DB>): Promise<string> {
  const row = (await sql<{ changes: number; version: number }>`select total_changes() as changes, (select data_version from pragma_data_version) as version`.execute(db)).rows[0];
  return `${row?.version ?? 0}:${row?.changes ?? 0}`;
}
