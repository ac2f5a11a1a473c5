import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWithKeyring } from '../../support/with-gnome-keyring';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('keytar key store', () => {
  it('round-trips and deletes a secret in a real gnome-keyring', async () => {
    const { output } = await runWithKeyring<{
      availability: { available: boolean; reason?: string };
      roundTrip: boolean;
      deleted: boolean;
      afterDelete: unknown;
      deletedAgain: boolean;
    }>('gnome-keyring', join(fixtures, 'keyring-round-trip.ts'));
    expect(output.availability).toEqual({ available: true });
    expect(output.roundTrip).toBe(true);
    expect(output.deleted).toBe(true);
    expect(output.afterDelete).toBeNull();
    expect(output.deletedAgain).toBe(false);
  });

  it('reports unavailable with a reason and refuses to store when no Secret Service answers', async () => {
    const { output } = await runWithKeyring<{
      availability: { available: boolean; reason?: string };
      setRefusal: { code: string; message: string } | null;
    }>('no-keyring', join(fixtures, 'no-keyring.ts'));
    expect(output.availability.available).toBe(false);
    expect(output.availability.reason).toMatch(/gnome-keyring or KWallet/);
    expect(output.setRefusal?.code).toBe('unavailable');
    expect(output.setRefusal?.message).toMatch(/never stores the key in plaintext/);
  });
});
