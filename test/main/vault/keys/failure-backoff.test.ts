import { describe, expect, it } from 'vitest';
import { delayAfterFailures, remainingWaitMs } from '../../../../main/vault/keys/failure-backoff';
import type { KeySlot } from '../../../../main/vault/keys/key-file';
import { DEFAULT_KDF_PARAMS } from '../../../../main/vault/keys/kdf-params';

const slot = (failedAttempts: number, lastFailureAt: number | null): KeySlot => ({
  slotId: 'x',
  kdf: DEFAULT_KDF_PARAMS,
  salt: '',
  wrappedMasterKey: '',
  failedAttempts,
  lastFailureAt,
});

describe('failure backoff', () => {
  it('is free for three failures, then doubles from 1 s up to 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100].map(delayAfterFailures)).toEqual([
      0, 0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('counts the remaining wait from the last failure', () => {
    expect(remainingWaitMs(slot(5, 10_000), 10_500)).toBe(1_500);
    expect(remainingWaitMs(slot(5, 10_000), 12_000)).toBe(0);
    expect(remainingWaitMs(slot(2, 10_000), 10_000)).toBe(0);
    expect(remainingWaitMs(slot(0, null), 0)).toBe(0);
  });

  it('never waits longer than the cap when the clock went backwards', () => {
    expect(remainingWaitMs(slot(20, 10_000_000), 0)).toBe(30_000);
  });
});
