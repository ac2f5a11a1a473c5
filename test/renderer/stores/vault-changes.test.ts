import { afterEach, describe, expect, it, vi } from 'vitest';
import { throttledRefresh } from '../../../renderer/stores/vault-changes';

afterEach(() => {
  vi.useRealTimers();
});

describe('throttledRefresh: live lists reload at once, then at most once a second, never losing the last change', () => {
  it('runs the first trigger at once, folds a burst into one trailing run, and stops cleanly', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const refresh = vi.fn();
    const throttle = throttledRefresh(refresh, 1_000);
    throttle.trigger();
    expect(refresh).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i += 1) throttle.trigger();
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    // The burst after the first run is one trailing refresh, not fifty and not none.
    expect(refresh).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    throttle.trigger();
    expect(refresh).toHaveBeenCalledTimes(3);
    throttle.trigger();
    throttle.stop();
    vi.advanceTimersByTime(5_000);
    expect(refresh).toHaveBeenCalledTimes(3);
  });
});
