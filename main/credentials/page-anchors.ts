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
 * Anchors hold only while the records are as they were (`dataVersion`).
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

/**
 * What the anchors hold under: another process's commit (data_version), a change here (every
 * change to the vault's records is audited in its own transaction, so the audit head moves), or a
 * new credential. Not every write: the runner's own bookkeeping and sign-ins write all the time and
 * would drop the anchors in the middle of a scroll.
 */
export async function dataVersion<DB>(db: Kysely<DB>): Promise<string> {
  const row = (
    await sql<{ version: number; audit: number | null; newest: number | null }>`select (select data_version from pragma_data_version) as version,
      (select max(id) from audit_log) as audit, (select max(id) from credentials) as newest`.execute(db)
  ).rows[0];
  return `${row?.version ?? 0}:${row?.audit ?? 0}:${row?.newest ?? 0}`;
}
