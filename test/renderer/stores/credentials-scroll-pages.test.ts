import { describe, expect, it, vi } from 'vitest';

/**
 * Scrolling fast over a large vault asks main for a few pages at a time, and then only for the rows
 * on screen: each page asked for while dragging the scrollbar used to queue in main (a deep page
 * costs about its offset), and the next click waited seconds behind the queue.
 */
const asked: number[] = [];
const searches: (string | undefined)[] = [];
const answers: (() => void)[] = [];
vi.mock('../../../renderer/api/api', () => ({
  api: () => ({
    call: (_channel: string, payload: { offset?: number; search?: string }) =>
      new Promise((resolve) => {
        asked.push(payload.offset ?? 0);
        searches.push(payload.search);
        answers.push(() => resolve({ ok: true, value: { total: 1_000_000, total_capped: false, rows: [] } }));
      }),
  }),
}));

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('credentials store: pages asked while scrolling', () => {
  it('keeps at most two on their way and skips the pages scrolled past', async () => {
    const { useCredentials, GRID_PAGE_SIZE } = await import('../../../renderer/stores/credentials-store');
    useCredentials.getState().invalidate();
    answers.shift()?.();
    await settle();
    asked.length = 0;
    // A drag from the top to near the bottom: 99 screens reported before main answers anything.
    for (let screen = 1; screen <= 99; screen += 1) useCredentials.getState().ensureRange(screen * 10_000, screen * 10_000 + 50);
    expect(asked).toEqual([10_000, 20_000]);
    // Each answer lets the range now on screen be asked for, not the ones passed on the way.
    answers.shift()?.();
    await settle();
    expect(asked).toEqual([10_000, 20_000, 990_000]);
    expect(990_000 % GRID_PAGE_SIZE).toBe(0);
  });

  it('asks only for the newest query when keys come faster than main answers', async () => {
    const { useCredentials } = await import('../../../renderer/stores/credentials-store');
    // Whatever the last test left on its way is answered first.
    for (let round = 0; round < 10 && answers.length > 0; round += 1) {
      while (answers.length > 0) answers.shift()?.();
      await settle();
    }
    searches.length = 0;
    for (const text of ['h', 'ho', 'hos', 'host']) useCredentials.getState().setSearch(text);
    // The first key's query went at once; the others wait for its answer.
    expect(searches).toEqual(['h']);
    answers.shift()?.();
    await settle();
    expect(searches).toEqual(['h', 'host']);
  });
});

