// bench/rotate: rotations per second through pamdesk (vault + runner + template + executor, with
// write-ahead and fresh-login proof) against each protocol's real server, next to that protocol's
// floor: the bare client library doing login + change + fresh login at the same concurrency.
// Run: node --import tsx bench/rotate/run.ts [--plugin SSH,Telnet,PostgreSQL,MySQL,LDAP] [--accounts 200] [--concurrency 1,8,32,64]
import { parseBenchArgs } from './bench-args';
import { floorPass } from './floor-pass';
import { machineLoad } from '../machine-load';
import { pamdeskPass } from './pamdesk-pass';
import type { BenchAccount, RotateProtocol } from './protocol';
import { PROTOCOLS, protocolNamed } from './protocols';

const GOAL = 0.95;
const args = parseBenchArgs(process.argv.slice(2));
const protocols = args.plugins === null ? PROTOCOLS : args.plugins.map(protocolNamed);
const accounts: BenchAccount[] = Array.from({ length: args.accounts }, (_, i) => ({ username: `rot${i}`, password: `rot${i}-start-pw` }));
let failed = false;

for (const protocol of protocols) failed = (await measure(protocol)) || failed;
process.exitCode = failed ? 1 : 0;

/** Prints one protocol's table; true when a pass fell short of the goal or did not rotate everything. */
async function measure(protocol: RotateProtocol): Promise<boolean> {
  const missing = protocol.missing();
  if (missing !== null) {
    console.log(`bench/rotate ${protocol.plugin}: skipped, ${missing}`);
    return false;
  }
  const target = await protocol.start(accounts);
  let short = false;
  try {
    console.log(`bench/rotate ${protocol.plugin}: ${accounts.length} accounts on one real server; the machine is shared with other busy work (load below)`);
    console.log(`  ${'concurrency'.padEnd(12)}${'floor/s'.padStart(9)}${'pamdesk/s'.padStart(11)}${'share'.padStart(8)}  goal >= ${GOAL * 100}%   load during the three passes`);
    for (const concurrency of args.concurrencies) {
      if (target.maxConcurrency !== null && concurrency > target.maxConcurrency.limit) {
        console.log(`  ${String(concurrency).padEnd(12)}skipped: ${target.maxConcurrency.reason}`);
        continue;
      }
      // Floor, pamdesk, floor: the floor is the mean of the passes either side, so a change in the
      // machine's other load during the row weighs on both sides alike. Every pass starts from
      // passwords set by the server's administrator (chpasswd, ALTER ROLE, ...), so each side verifies and replaces the same kind of hash.
      const loadBefore = machineLoad();
      await target.setPasswords(accounts);
      const floorA = await floorPass(protocol, target, accounts, concurrency);
      await target.setPasswords(accounts);
      const pamdesk = await pamdeskPass(protocol, target, accounts, concurrency);
      await target.setPasswords(accounts);
      const floorB = await floorPass(protocol, target, accounts, concurrency);
      const floorRate = (2 * accounts.length) / (floorA + floorB);
      const rate = pamdesk.succeeded / pamdesk.seconds;
      const share = rate / floorRate;
      const ok = share >= GOAL && pamdesk.succeeded === accounts.length;
      short ||= !ok;
      console.log(
        `  ${String(concurrency).padEnd(12)}${floorRate.toFixed(2).padStart(9)}${rate.toFixed(2).padStart(11)}${`${(share * 100).toFixed(0)}%`.padStart(8)}  ${ok ? 'met      ' : 'NOT met  '}    ${loadBefore} -> ${machineLoad()}`,
      );
      if (pamdesk.succeeded !== accounts.length) console.log(`    only ${pamdesk.succeeded} of ${accounts.length} ended in Success: ${pamdesk.failures.join(' | ')}`);
    }
  } finally {
    await target.stop();
  }
  return short;
}
