import { create } from 'zustand';
import type { CredentialFacets, CredentialGridQuery, CredentialGridRow, CredentialSortColumn } from '../../shared/domain/credential-grid-query';
import type { CredentialMatching } from '../../shared/domain/credential-selection';
import { api } from '../api/api';
import { resetOnLock } from './reset-on-lock';

/** Rows per request: a screenful many times over, well under the contract's 500. */
export const GRID_PAGE_SIZE = 200;
/** Pages kept in memory (2,400 rows): enough to scroll back and forth without refetching. */
const MAX_CACHED_PAGES = 12;

export type GridFilters = NonNullable<CredentialGridQuery['filters']>;
export interface GridSort {
  readonly column: CredentialSortColumn;
  readonly direction: 'asc' | 'desc';
}

/** What the grid shows: the pages of one query generation, replaced whole when a newer one answers. */
export interface ShownPages {
  readonly generation: number;
  readonly search: string;
  readonly total: number | undefined;
  /** More than `total` match: main stopped counting at its cap; the exact count follows when typing pauses (filters only) or, for a search, when scrolling reaches the cap or all loaded rows are selected. */
  readonly totalCapped: boolean;
  readonly pages: ReadonlyMap<number, readonly CredentialGridRow[]>;
}

interface CredentialsState {
  readonly search: string;
  readonly sort: GridSort | undefined;
  readonly filters: GridFilters;
  /** Bumped on every query change or invalidation; answers for older generations are dropped. */
  readonly generation: number;
  readonly shown: ShownPages;
  readonly error: string | undefined;
  readonly facets: CredentialFacets | undefined;
  /** Selected credential ids (ids, not indexes: a re-sort keeps the selection). */
  readonly selected: ReadonlySet<number>;
  /** Ctrl+A selected every loaded row: the grid offers "Select all N matching". */
  readonly allLoadedSelected: boolean;
  /**
   * "Select all N matching": the selection is the query (search + filters) and the count seen,
   * which main resolves; undefined while the selection is the ids above.
   */
  readonly matching: CredentialMatching | undefined;
  setSearch(search: string): void;
  setSort(sort: GridSort | undefined): void;
  setFilters(filters: GridFilters): void;
  /** A fresh list with only these filters (no search): where a dashboard figure leads. */
  showOnly(filters: GridFilters): void;
  /** Refetch the current query (after a save); the rows on screen stay until the answer comes. */
  invalidate(): void;
  /**
   * Refetch every page on screen because the vault changed (a live refresh): rows, scroll position
   * and selection stay; each page is replaced when its fresh answer comes.
   */
  refresh(): void;
  /** Make sure the pages holding rows first..last (inclusive) are loaded or on their way. */
  ensureRange(first: number, last: number): void;
  loadFacets(): Promise<void>;
  setSelected(selected: ReadonlySet<number>): void;
  /** Ctrl+A: every loaded row, and the offer to take all that match. */
  selectLoaded(): void;
  /** The selection becomes the current search and filters with their total. */
  selectAllMatching(): void;
  /** How many credentials the selection covers. */
  selectionCount(): number;
  reset(): void;
}

const EMPTY_SHOWN: ShownPages = { generation: -1, search: '', total: undefined, totalCapped: false, pages: new Map() };

/**
 * How long a query must stay unchanged before its capped total is counted exactly: while the
 * operator types, main answers each keystroke without counting up to a million matches.
 */
const EXACT_COUNT_DELAY_MS = 400;

/** Requests on their way, by "generation:page", so a page is never asked for twice at once. */
const inFlight = new Set<string>();

/**
 * Pages asked for by scrolling that may be on their way at once. Dragging the scrollbar over
 * 1,000,000 rows passes thousands of pages; asking for each queued seconds of work in main (a deep
 * page costs about its offset) and the next click waited behind it. Only the range on screen when a
 * request returns is asked for next.
 */
const SCROLL_PAGES_IN_FLIGHT = 2;

/**
 * A new query's first page waits while an older query's request is still with main: typing fast
 * sent one query per key and main answered each in turn, so the last key's rows came after all of
 * them. Only the newest query is asked for when the older answer returns.
 */
let firstPageWaiting = false;

/** The rows on screen, as the grid last reported them. */
let wantedRange: { generation: number; first: number; last: number } | undefined;
/** Bumped by every reset (a lock), so late answers from before it are not kept. */
let lockEpoch = 0;
/** A generation started by `refresh`: its answers join the pages on screen instead of replacing them. */
let refreshedGeneration = -1;
/** The generation whose exact count has been scheduled, so each page's capped answer does not ask again. */
let exactCountAsked = -1;

export function hasFilters(filters: GridFilters): boolean {
  // How tags combine is not a filter by itself.
  return Object.entries(filters).some(([key, value]) => key !== 'tag_match' && value !== undefined && !(Array.isArray(value) && value.length === 0));
}

export function rowAt(shown: ShownPages, index: number): CredentialGridRow | undefined {
  return shown.pages.get(Math.floor(index / GRID_PAGE_SIZE))?.[index % GRID_PAGE_SIZE];
}

/** Loaded rows in index order, with their indexes (for range selection and Ctrl+A). */
export function loadedRows(shown: ShownPages): { index: number; row: CredentialGridRow }[] {
  const out: { index: number; row: CredentialGridRow }[] = [];
  for (const [page, rows] of [...shown.pages.entries()].sort((a, b) => a[0] - b[0])) {
    rows.forEach((row, i) => out.push({ index: page * GRID_PAGE_SIZE + i, row }));
  }
  return out;
}

function withPage(pages: ReadonlyMap<number, readonly CredentialGridRow[]>, page: number, rows: readonly CredentialGridRow[]) {
  const next = new Map(pages);
  next.set(page, rows);
  // Evict the pages farthest from the one that just arrived: they are the least likely to be seen next.
  while (next.size > MAX_CACHED_PAGES) {
    const farthest = [...next.keys()].reduce((a, b) => (Math.abs(b - page) > Math.abs(a - page) ? b : a));
    next.delete(farthest);
  }
  return next;
}

export const useCredentials = create<CredentialsState>((set, get) => {
  function currentQuery(): CredentialGridQuery {
    const { search, sort, filters } = get();
    const query: CredentialGridQuery = { filters, count: 'capped' };
    if (search.trim() !== '') query.search = search.trim();
    if (sort) query.sort = sort;
    return query;
  }

  /** Once the query has rested, replaces a capped total by the exact count (asked when it is needed: see its callers). */
  function countExactlyLater(generation: number): void {
    if (exactCountAsked === generation) return;
    exactCountAsked = generation;
    setTimeout(() => {
      const { shown } = get();
      if (get().generation !== generation || shown.generation !== generation || !shown.totalCapped) {
        // Asked again if this generation is shown capped later (a page answer after a refresh).
        if (get().generation === generation) exactCountAsked = -1;
        return;
      }
      void api()
        .call('credential.query', { ...currentQuery(), count: 'exact', offset: 0, limit: 1 })
        .then((result) => {
          const now = get();
          if (!result.ok || now.generation !== generation || now.shown.generation !== generation) return;
          set({ shown: { ...now.shown, total: result.value.total, totalCapped: false } });
        });
    }, EXACT_COUNT_DELAY_MS);
  }

  function fetchPage(page: number): void {
    const { generation, search, shown } = get();
    const key = `${generation}:${page}`;
    if ((shown.generation === generation && shown.pages.has(page)) || inFlight.has(key)) return;
    inFlight.add(key);
    const query: CredentialGridQuery = { ...currentQuery(), offset: page * GRID_PAGE_SIZE, limit: GRID_PAGE_SIZE };
    void api()
      .call('credential.query', query)
      .then((result) => {
        inFlight.delete(key);
        if (firstPageWaiting) {
          firstPageWaiting = false;
          fetchPage(0);
        }
        askWantedPages();
        const now = get();
        // A newer query (or a lock) has happened since: this answer describes rows nobody asked for.
        if (now.generation !== generation) return;
        if (!result.ok) {
          set({ error: `The credentials could not be loaded: ${result.error.message}` });
          return;
        }
        const keep = now.shown.generation === generation || (refreshedGeneration === generation && now.shown.search === search);
        const base = keep ? now.shown.pages : new Map<number, readonly CredentialGridRow[]>();
        // An exact total already counted for this query outlives the capped ones of later pages.
        const exact = keep && now.shown.generation === generation && !now.shown.totalCapped && now.shown.total !== undefined && result.value.total_capped;
        const total = exact ? { total: now.shown.total, totalCapped: false } : { total: result.value.total, totalCapped: result.value.total_capped };
        set({ error: undefined, shown: { generation, search, ...total, pages: withPage(base, page, result.value.rows) } });
        // Filters alone are counted in slices that never hold main long: their exact count follows
        // once the query rests. A broad search's count (seconds of main's one thread at 1,000,000)
        // waits until scrolling or a selection needs it.
        if (total.totalCapped && search.trim() === '') countExactlyLater(generation);
      });
  }

  /** Asks for the pages of the wanted range that are neither loaded nor on their way, a few at a time. */
  function askWantedPages(): void {
    const { shown, generation } = get();
    if (wantedRange === undefined || wantedRange.generation !== generation) return;
    const total = shown.generation === generation ? shown.total : undefined;
    const { first, last } = wantedRange;
    const lastRow = total === undefined ? Math.max(first, 0) : Math.min(last, total - 1);
    for (let page = Math.floor(Math.max(first, 0) / GRID_PAGE_SIZE); page <= Math.floor(lastRow / GRID_PAGE_SIZE); page += 1) {
      const onTheirWay = [...inFlight].filter((key) => key.startsWith(`${generation}:`)).length;
      if (onTheirWay >= SCROLL_PAGES_IN_FLIGHT) return;
      fetchPage(page);
    }
  }

  function newQuery(change: Partial<Pick<CredentialsState, 'search' | 'sort' | 'filters'>>): void {
    // A selection by query belongs to the query it was made on: another search or filter drops it.
    const dropsMatching = change.search !== undefined || change.filters !== undefined;
    set((state) => ({ ...change, generation: state.generation + 1, ...(dropsMatching ? { matching: undefined, allLoadedSelected: false } : {}) }));
    const current = `${get().generation}:`;
    if ([...inFlight].some((key) => !key.startsWith(current))) firstPageWaiting = true;
    else fetchPage(0);
  }

  return {
    search: '',
    sort: undefined,
    filters: {},
    generation: 0,
    shown: EMPTY_SHOWN,
    error: undefined,
    facets: undefined,
    selected: new Set(),
    allLoadedSelected: false,
    matching: undefined,
    setSearch: (search) => {
      if (search !== get().search) newQuery({ search });
    },
    setSort: (sort) => newQuery({ sort }),
    setFilters: (filters) => newQuery({ filters }),
    showOnly: (filters) => newQuery({ filters, search: '' }),
    invalidate: () => newQuery({}),
    refresh() {
      const pages = [...get().shown.pages.keys()];
      set((state) => ({ generation: state.generation + 1 }));
      refreshedGeneration = get().generation;
      for (const page of pages.length > 0 ? pages : [0]) fetchPage(page);
    },
    ensureRange(first, last) {
      const { shown, generation } = get();
      const total = shown.generation === generation ? shown.total : undefined;
      wantedRange = { generation, first, last };
      askWantedPages();
      // Counting every match of a broad search holds main for seconds at 1,000,000 credentials: it is
      // asked for only when scrolling reaches the end of the capped rows, where the rest is needed.
      if (total !== undefined && shown.totalCapped && last >= total - GRID_PAGE_SIZE) countExactlyLater(generation);
    },
    async loadFacets() {
      const asked = lockEpoch;
      const result = await api().call('credential.facets', {});
      // Dropped if the vault locked while it was on its way.
      if (result.ok && asked === lockEpoch) set({ facets: result.value });
    },
    setSelected: (selected) => set({ selected, allLoadedSelected: false, matching: undefined }),
    selectLoaded() {
      set({ selected: new Set(loadedRows(get().shown).map(({ row }) => row.id)), allLoadedSelected: true, matching: undefined });
      // "Select all N matching" needs N: a capped total is counted now that it is needed.
      const { shown, generation } = get();
      if (shown.generation === generation && shown.totalCapped) countExactlyLater(generation);
    },
    selectAllMatching() {
      const { search, filters, shown, generation } = get();
      const total = shown.generation === generation ? shown.total : undefined;
      // A capped total is not a count main could check the selection against.
      if (total === undefined || total === 0 || shown.totalCapped) return;
      set({ matching: { ...(search.trim() ? { search: search.trim() } : {}), filters, count: total }, allLoadedSelected: false });
    },
    selectionCount: () => get().matching?.count ?? get().selected.size,
    reset() {
      lockEpoch += 1;
      inFlight.clear();
      firstPageWaiting = false;
      set((state) => ({
        search: '',
        sort: undefined,
        filters: {},
        generation: state.generation + 1,
        shown: EMPTY_SHOWN,
        error: undefined,
        facets: undefined,
        selected: new Set(),
        allLoadedSelected: false,
        matching: undefined,
      }));
    },
  };
});

// Hostnames, usernames and tags are vault data: a lock must leave none of them in this window.
resetOnLock(() => useCredentials.getState().reset());
