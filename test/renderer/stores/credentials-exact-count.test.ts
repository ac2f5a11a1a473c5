import { afterEach, describe, expect, it, vi } from 'vitest';

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

describe('credentials store: exact counts', () => {
  it('counts a capped search exactly only once scrolling reaches the cap', async () => {
    vi.useFakeTimers();
    const { useCredentials } = await import('../../../renderer/stores/credentials-store');
    useCredentials.getState().setSearch('h');
    await vi.advanceTimersByTimeAsync(5_000);
    const exactAsked = () => calls.filter((call) => call.channel === 'credential.query' && call.payload.count === 'exact').length;
    expect(useCredentials.getState().shown.totalCapped).toBe(true);
    expect(exactAsked()).toBe(0);
    // Scrolling in the middle of the capped rows: still no count.
    useCredentials.getState().ensureRange(4_000, 4_050);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(exactAsked()).toBe(0);
    // The last page of the capped rows: the rest is needed, so it is counted.
    useCredentials.getState().ensureRange(9_900, 9_999);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(exactAsked()).toBe(1);
    expect(useCredentials.getState().shown).toMatchObject({ total: 123_456, totalCapped: false });
  });

  it('counts a capped search exactly when every loaded row is selected (Select all N matching needs N)', async () => {
    vi.useFakeTimers();
    const { useCredentials } = await import('../../../renderer/stores/credentials-store');
    useCredentials.getState().setSearch('r');
    await vi.advanceTimersByTimeAsync(5_000);
    const before = calls.filter((call) => call.payload.count === 'exact').length;
    useCredentials.getState().selectLoaded();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls.filter((call) => call.payload.count === 'exact').length).toBe(before + 1);
    expect(useCredentials.getState().shown).toMatchObject({ total: 123_456, totalCapped: false });
  });

  it('counts a capped filter exactly once the query rests (filter counts run in slices that do not hold main)', async () => {
    vi.useFakeTimers();
    const { useCredentials } = await import('../../../renderer/stores/credentials-store');
    useCredentials.getState().setSearch('');
    await vi.advanceTimersByTimeAsync(5_000);
    const before = calls.filter((call) => call.payload.count === 'exact').length;
    useCredentials.getState().setFilters({ status: ['active'] });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls.filter((call) => call.payload.count === 'exact').length).toBe(before + 1);
    expect(useCredentials.getState().shown).toMatchObject({ total: 123_456, totalCapped: false });
  });
});

