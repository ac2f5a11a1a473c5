import { create } from 'zustand';
import type { AttemptView, OperationFilter, OperationStateName, OperationTypeName, OperationView } from '../../shared/contract/operation-channels';
import { api } from '../api/api';
import { resetOnLock } from './reset-on-lock';

/** Rows per page in both lists: one screenful, well under the contract's 500. */
export const OPERATIONS_PAGE_SIZE = 50;

/** The filters as the form holds them: text as typed, dates as yyyy-mm-dd (local days). */
export interface OperationFilterForm {
  readonly code: string;
  readonly username: string;
  readonly device: string;
  readonly vendor: string;
  readonly model: string;
  readonly website: string;
  readonly tags: string;
  readonly states: readonly OperationStateName[];
  readonly types: readonly OperationTypeName[];
  readonly requester: string;
  readonly scheduledFrom: string;
  readonly scheduledTo: string;
  readonly executedFrom: string;
  readonly executedTo: string;
  /** Set when opened from a credential's history; not a field of the form. */
  readonly credentialId?: number | undefined;
  /**
   * Set when opened from the dashboard's chart, whose days are UTC days: the exact bounds, used
   * while the date boxes still show that day (the boxes alone mean local days).
   */
  readonly scheduledDay?: { readonly day: string; readonly from: string; readonly to: string } | undefined;
}

export const EMPTY_OPERATION_FILTER: OperationFilterForm = {
  code: '',
  username: '',
  device: '',
  vendor: '',
  model: '',
  website: '',
  tags: '',
  states: [],
  types: [],
  requester: '',
  scheduledFrom: '',
  scheduledTo: '',
  executedFrom: '',
  executedTo: '',
};

export interface Page<T> {
  readonly total: number;
  readonly rows: readonly T[];
}

/** Local-day bounds as ISO instants: main stores timestamps in UTC ISO form. */
function dayStart(day: string): string | undefined {
  return day === '' ? undefined : new Date(`${day}T00:00:00`).toISOString();
}
function dayEnd(day: string): string | undefined {
  return day === '' ? undefined : new Date(`${day}T23:59:59.999`).toISOString();
}
const text = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

export function toOperationFilter(form: OperationFilterForm, page: number): OperationFilter {
  const tags = form.tags.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const filter: OperationFilter = { offset: page * OPERATIONS_PAGE_SIZE, limit: OPERATIONS_PAGE_SIZE };
  const entries: [keyof OperationFilter, unknown][] = [
    ['code', text(form.code)],
    ['username', text(form.username)],
    ['device', text(form.device)],
    ['vendor', text(form.vendor)],
    ['model', text(form.model)],
    ['website', text(form.website)],
    ['requester', text(form.requester)],
    ['tags', tags.length > 0 ? tags : undefined],
    ['states', form.states.length > 0 ? [...form.states] : undefined],
    ['types', form.types.length > 0 ? [...form.types] : undefined],
    ['credentialId', form.credentialId],
    ['scheduledFrom', form.scheduledDay?.day === form.scheduledFrom ? form.scheduledDay.from : dayStart(form.scheduledFrom)],
    ['scheduledTo', form.scheduledDay?.day === form.scheduledTo ? form.scheduledDay.to : dayEnd(form.scheduledTo)],
    ['executedFrom', dayStart(form.executedFrom)],
    ['executedTo', dayEnd(form.executedTo)],
  ];
  for (const [key, value] of entries) if (value !== undefined) Object.assign(filter, { [key]: value });
  return filter;
}

interface OperationsState {
  readonly filter: OperationFilterForm;
  readonly page: number;
  readonly shown: Page<OperationView> | undefined;
  readonly error: string | undefined;
  setFilter(filter: OperationFilterForm): void;
  setPage(page: number): void;
  /** Reloads the visible page (after an action or an 'operation.changed' event). */
  refresh(): Promise<void>;
  reset(): void;
}

interface AttemptsState {
  readonly outcome: AttemptView['outcome'] | undefined;
  readonly page: number;
  readonly shown: Page<AttemptView> | undefined;
  readonly error: string | undefined;
  setOutcome(outcome: NonNullable<AttemptView['outcome']> | undefined): void;
  setPage(page: number): void;
  refresh(): Promise<void>;
  reset(): void;
}

/** Bumped by a lock and by every new query, so a late answer never replaces a newer one. */
let operationsAsk = 0;
let attemptsAsk = 0;

/** Seed 000's "List operations": the filters, the visible page and nothing else. */
export const useOperations = create<OperationsState>((set, get) => ({
  filter: EMPTY_OPERATION_FILTER,
  page: 0,
  shown: undefined,
  error: undefined,
  setFilter(filter) {
    set({ filter, page: 0 });
    void get().refresh();
  },
  setPage(page) {
    set({ page });
    void get().refresh();
  },
  async refresh() {
    operationsAsk += 1;
    const asked = operationsAsk;
    const { filter, page } = get();
    const result = await api().call('operation.list', toOperationFilter(filter, page));
    if (asked !== operationsAsk) return;
    set(result.ok ? { shown: result.value, error: undefined } : { error: `The operations could not be loaded: ${result.error.message}` });
  },
  reset() {
    operationsAsk += 1;
    set({ filter: EMPTY_OPERATION_FILTER, page: 0, shown: undefined, error: undefined });
  },
}));

/** Seed 000's "List attempted operations": one row per attempt. */
export const useAttempts = create<AttemptsState>((set, get) => ({
  outcome: undefined,
  page: 0,
  shown: undefined,
  error: undefined,
  setOutcome(outcome) {
    set({ outcome, page: 0 });
    void get().refresh();
  },
  setPage(page) {
    set({ page });
    void get().refresh();
  },
  async refresh() {
    attemptsAsk += 1;
    const asked = attemptsAsk;
    const { outcome, page } = get();
    const request = { offset: page * OPERATIONS_PAGE_SIZE, limit: OPERATIONS_PAGE_SIZE, ...(outcome ? { outcome } : {}) };
    const result = await api().call('attempt.list', request);
    if (asked !== attemptsAsk) return;
    set(result.ok ? { shown: result.value, error: undefined } : { error: `The attempts could not be loaded: ${result.error.message}` });
  },
  reset() {
    attemptsAsk += 1;
    set({ outcome: undefined, page: 0, shown: undefined, error: undefined });
  },
}));

// Usernames, hostnames and transcripts are vault data.
resetOnLock(() => {
  useOperations.getState().reset();
  useAttempts.getState().reset();
});
