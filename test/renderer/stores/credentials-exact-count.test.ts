import { afterEach, describe, expect, it, vi } from 'vitest';
import type { useCredentials } from '../../../renderer/stores/credentials-store';

type CredentialsStore = ReturnType<typeof useCredentials.getState>;

/**
 * The grid asks main for the exact count of a capped search only when scrolling reaches the end of
 * the capped rows: counting a search that matches most of 1,000,000 credentials holds main for
 * seconds, and asking after every pause in typing made the next keystrokes wait behind it.
 */
const calls: { channel: string; payload: { count?: string; offset?: number } }[] = [];
vi.mock('../../../renderer/api/api', () => ({
  api: () => ({
    call: async (channel: string, payload: { count?: string; offset?: number }) => {
      calls.push({ channel, payload });
      const exact = payload.count === 'exact';
      return { ok: true, value: { total: exact ? 123_456 : 10_000, total_capped: !exact, rows: [] } };
    },
  }),
}));

afterEach(() => {
  vi.useRealTimers();
});

const exactAsked = () => calls.filter((call) => call.channel === 'credential.query' && call.payload.count === 'exact').length;
/** Long past the store's rest delay: whatever it will ask for has been asked and answered. */
const rest = () => vi.advanceTimersByTimeAsync(5_000);

/** The store on fake timers, after `prepare` and a rest; then `act` and another rest. */
async function afterRest(prepare: (store: CredentialsStore) => void, act: (store: CredentialsStore) => void): Promise<{ store: CredentialsStore; asked: number }> {
  vi.useFakeTimers();
  const { useCredentials } = await import('../../../renderer/stores/credentials-store');
  prepare(useCredentials.getState());
  await rest();
  const before = exactAsked();
  act(useCredentials.getState());
  await rest();
  return { store: useCredentials.getState(), asked: exactAsked() - before };
}

describe('credentials store: exact counts', () => {
  it('counts a capped search exactly only once scrolling reaches the cap', async () => {
    // Scrolling in the middle of the capped rows: no count.
    const middle = await afterRest((store) => store.setSearch('h'), (store) => store.ensureRange(4_000, 4_050));
    expect(middle.store.shown.totalCapped).toBe(true);
    expect(exactAsked()).toBe(0);
    // The last page of the capped rows: the rest is needed, so it is counted.
    const end = await afterRest(() => undefined, (store) => store.ensureRange(9_900, 9_999));
    expect(end.asked).toBe(1);
    expect(end.store.shown).toMatchObject({ total: 123_456, totalCapped: false });
  });

  it('counts a capped search exactly when every loaded row is selected (Select all N matching needs N)', async () => {
    const { store, asked } = await afterRest((s) => s.setSearch('r'), (s) => s.selectLoaded());
    expect(asked).toBe(1);
    expect(store.shown).toMatchObject({ total: 123_456, totalCapped: false });
  });

  it('counts a capped filter exactly once the query rests (filter counts run in slices that do not hold main)', async () => {
    const { store, asked } = await afterRest((s) => s.setSearch(''), (s) => s.setFilters({ status: ['active'] }));
    expect(asked).toBe(1);
    expect(store.shown).toMatchObject({ total: 123_456, totalCapped: false });
  });
});
