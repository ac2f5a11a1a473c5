import { create } from 'zustand';
import type { AuditChainVerdict, AuditListEntry, AuditFilter } from '../../shared/contract/audit';
import { api } from '../api/api';
import { resetOnLock } from './reset-on-lock';

/** Entries per page: a screenful or two, well under the contract's 1000. */
export const AUDIT_PAGE_SIZE = 50;

/** The filters as the form holds them: text as typed, dates as yyyy-mm-dd. */
export interface AuditFilterForm {
  readonly actor: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly from: string;
  readonly to: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterForm = { actor: '', action: '', objectType: '', objectId: '', from: '', to: '' };

/** The request's filter: blank boxes are no filter (the contract rejects empty dates). */
export function toAuditFilter(form: AuditFilterForm): AuditFilter {
  const filter: AuditFilter = {};
  for (const key of Object.keys(form) as (keyof AuditFilterForm)[]) {
    const value = form[key].trim();
    if (value !== '') filter[key] = value;
  }
  return filter;
}

interface AuditState {
  readonly filter: AuditFilterForm;
  /**
   * The list pages backwards from the newest entry: each page starts below the last id of the one
   * before. `cursors[n]` is the beforeId of page n (undefined for the first), so Previous needs no
   * request of its own.
   */
  readonly cursors: readonly (number | undefined)[];
  readonly page: number;
  readonly entries: readonly AuditListEntry[] | undefined;
  /** One more entry than a page was asked for and came back: there is an older page. */
  readonly hasOlder: boolean;
  readonly loading: boolean;
  readonly error: string | undefined;
  readonly verdict: AuditChainVerdict | undefined;
  readonly verifying: boolean;
  readonly verifyError: string | undefined;
  setFilter(filter: AuditFilterForm): void;
  older(): void;
  newer(): void;
  refresh(): Promise<void>;
  verify(): Promise<void>;
  reset(): void;
}

/** Bumped by a lock and by every new query, so a late answer never replaces a newer one. */
let listAsk = 0;
let verifyAsk = 0;

export const useAudit = create<AuditState>((set, get) => ({
  filter: EMPTY_AUDIT_FILTER,
  cursors: [undefined],
  page: 0,
  entries: undefined,
  hasOlder: false,
  loading: false,
  error: undefined,
  verdict: undefined,
  verifying: false,
  verifyError: undefined,
  setFilter(filter) {
    set({ filter, cursors: [undefined], page: 0 });
    void get().refresh();
  },
  older() {
    const { entries, cursors, page, hasOlder } = get();
    const last = entries?.[entries.length - 1];
    if (!hasOlder || !last) return;
    set({ cursors: [...cursors.slice(0, page + 1), last.id], page: page + 1 });
    void get().refresh();
  },
  newer() {
    const { page } = get();
    if (page === 0) return;
    set({ page: page - 1 });
    void get().refresh();
  },
  async refresh() {
    listAsk += 1;
    const asked = listAsk;
    const { filter, cursors, page } = get();
    const beforeId = cursors[page];
    set({ loading: true });
    const result = await api().call('audit.list', { ...toAuditFilter(filter), limit: AUDIT_PAGE_SIZE + 1, ...(beforeId === undefined ? {} : { beforeId }) });
    if (asked !== listAsk) return;
    if (!result.ok) {
      set({ loading: false, error: `The audit entries could not be loaded: ${result.error.message}` });
      return;
    }
    set({ loading: false, error: undefined, entries: result.value.slice(0, AUDIT_PAGE_SIZE), hasOlder: result.value.length > AUDIT_PAGE_SIZE });
  },
  async verify() {
    verifyAsk += 1;
    const asked = verifyAsk;
    set({ verifying: true });
    const result = await api().call('audit.verify', {});
    if (asked !== verifyAsk) return;
    set(result.ok ? { verifying: false, verdict: result.value, verifyError: undefined } : { verifying: false, verdict: undefined, verifyError: `The chain could not be checked: ${result.error.message}` });
  },
  reset() {
    listAsk += 1;
    verifyAsk += 1;
    set({ filter: EMPTY_AUDIT_FILTER, cursors: [undefined], page: 0, entries: undefined, hasOlder: false, loading: false, error: undefined, verdict: undefined, verifying: false, verifyError: undefined });
  },
}));

// Entries name users, hosts and credentials: vault data.
resetOnLock(() => useAudit.getState().reset());
