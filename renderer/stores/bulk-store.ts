import { create } from 'zustand';
import type { BulkRequestView, BulkState } from '../../shared/domain/bulk';
import { api } from '../api/api';
import { resetOnLock } from './reset-on-lock';

/** Requests per page in the report and the approvals list: a screenful, under the contract's 500. */
export const BULK_PAGE_SIZE = 100;

export interface BulkPage {
  readonly total: number;
  readonly rows: readonly BulkRequestView[];
}

interface BulkStoreState {
  /** Bulk requests and operations waiting for this user's decision (0 for those who cannot approve). */
  readonly awaitingDecision: number;
  /** This user's own requests still pending. */
  readonly mine: number;
  /** Bumped on every 'bulk.changed': lists that show requests reload when it moves. */
  readonly revision: number;
  refreshCount(): Promise<void>;
  reset(): void;
}

/** Bumped by a lock, so an answer that arrives after it is not kept. */
let epoch = 0;

export const useBulk = create<BulkStoreState>((set) => ({
  awaitingDecision: 0,
  mine: 0,
  revision: 0,
  async refreshCount() {
    const asked = epoch;
    // The one count of both kinds (approvals.pendingCount), the same the dashboard shows.
    const result = await api().call('approvals.pendingCount', {});
    // A refusal simply means no badge.
    if (asked === epoch) set(result.ok ? { awaitingDecision: result.value.awaitingDecision, mine: result.value.mine } : { awaitingDecision: 0, mine: 0 });
  },
  reset() {
    epoch += 1;
    set({ awaitingDecision: 0, mine: 0, revision: 0 });
  },
}));

/**
 * Listens to 'bulk.changed' and 'operation.changed' for the whole signed-in session: the count
 * refreshes and the lists see a new revision. Returns the unsubscribe.
 */
export function subscribeBulkChanges(): () => void {
  void useBulk.getState().refreshCount();
  const changed = () => {
    useBulk.setState((state) => ({ revision: state.revision + 1 }));
    void useBulk.getState().refreshCount();
  };
  const stopBulk = api().on('bulk.changed', changed);
  // An operation requested into, or decided out of, Awaiting approval moves the count too.
  const stopOperations = api().on('operation.changed', (event) => {
    if (event.state === 'AwaitingApproval' || event.state === 'Scheduled' || event.state === 'Canceled' || event.state === 'Expired') changed();
  });
  return () => {
    stopBulk();
    stopOperations();
  };
}

/** One page of requests, optionally only some states; the error is a sentence for the operator. */
export async function loadBulkPage(states: readonly BulkState[] | undefined, page: number): Promise<{ ok: true; page: BulkPage } | { ok: false; message: string }> {
  const result = await api().call('bulk.list', { ...(states && states.length > 0 ? { states: [...states] } : {}), offset: page * BULK_PAGE_SIZE, limit: BULK_PAGE_SIZE });
  return result.ok ? { ok: true, page: result.value } : { ok: false, message: `The bulk requests could not be loaded: ${result.error.message}` };
}

// Who asked for what is vault data: forget it when the vault locks.
resetOnLock(() => useBulk.getState().reset());
