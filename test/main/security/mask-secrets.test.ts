import { describe, expect, it } from 'vitest';
import { MASK, maskAcross, maskSecrets } from '../../../main/security/mask-secrets';

describe('maskSecrets', () => {
  it('masks every occurrence, a secret inside another as one mask', () => {
    expect(maskSecrets('a Hunter2-long b Hunter2 c', ['Hunter2', 'Hunter2-long'])).toBe(`a ${MASK} b ${MASK} c`);
  });

  it('ignores empty secrets and keeps text without secrets as is', () => {
    expect(maskSecrets('nothing here', ['', 'zz'])).toBe('nothing here');
  });

  it('masks a secret split across parts (device output arriving in chunks)', () => {
    expect(maskAcross(['echo Hun', 'ter2 done'], ['Hunter2'])).toEqual([`echo ${MASK}`, `${MASK} done`]);
  });

  it('masks secrets with regex and shell metacharacters literally', () => {
    expect(maskSecrets(`x ' " $ ; | & \` \\ ñü y`, [`' " $ ; | & \` \\ ñü`])).toBe(`x ${MASK} y`);
  });
});
