import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWithKeyring } from '../../support/with-gnome-keyring';

const script = join(import.meta.dirname, 'fixtures', 'remember-on-device.ts');

interface Outcome {
  readonly created: string;
  readonly rememberUnlock: string;
  readonly remembered: boolean | null;
  readonly deviceUnlock: string;
  readonly statusAfterDevice: string;
  readonly deviceAfterChange: string;
  /** session.current right after the change: the session no longer claims a remembered key. */
  readonly rememberedAfterChange: boolean | null;
  readonly refusal: string | null;
}

describe('remember on this device (keytar, real Secret Service)', () => {
  it('keeps the unlock key in gnome-keyring, unlocks with it, and forgets it when the passphrase changes', async () => {
    const { output } = await runWithKeyring<Outcome>('gnome-keyring', script);
    expect(output).toMatchObject({
      created: 'ok',
      rememberUnlock: 'ok',
      remembered: true,
      deviceUnlock: 'ok',
      statusAfterDevice: 'unlocked',
      deviceAfterChange: 'WRONG_PASSPHRASE',
      rememberedAfterChange: false,
    });
  });

  it('refuses the option with an explanation when no Secret Service answers, and never falls back', async () => {
    const { output } = await runWithKeyring<Outcome>('no-keyring', script);
    expect(output.created).toBe('ok');
    expect(output.rememberUnlock).toBe('KEYSTORE_UNAVAILABLE');
    expect(output.refusal).toMatch(/Remember on this device" is not available/);
    expect(output.refusal).toMatch(/gnome-keyring or KWallet/);
    expect(output.deviceUnlock).toBe('KEYSTORE_UNAVAILABLE');
  });
});
