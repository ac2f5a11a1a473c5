import { randomBytes } from 'node:crypto';
import type { BenchAccount, RotateProtocol, RotateTarget } from './protocol';
import { withLimit } from './with-limit';

/** One timed pass of the protocol's bare floor over every account; returns the seconds it took. */
export async function floorPass(protocol: RotateProtocol, target: RotateTarget, accounts: readonly BenchAccount[], concurrency: number): Promise<number> {
  // Far from the current one, or passwd's "obscure" check would refuse it as too similar.
  const next = new Map(accounts.map((a) => [a.username, `${a.username}-${randomBytes(9).toString('base64url')}`]));
  const start = performance.now();
  await withLimit(accounts, concurrency, (a) => protocol.bareRotation(target, target.loginName(a.username), a.password, next.get(a.username) ?? ''));
  return (performance.now() - start) / 1000;
}
