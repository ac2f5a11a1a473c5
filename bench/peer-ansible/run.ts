// bench/peer-ansible: the same accounts rotated by Ansible (ansible.builtin.user as root, then a
// fresh login per account) and by pamdesk (own-password rotation with write-ahead and fresh-login
// proof), on the same real sshd at the same concurrency; prints pamdesk's rate as a multiple of Ansible's.
// Run: node --import tsx bench/peer-ansible/run.ts [--accounts 200] [--concurrency 1,8,32,64]
import { parseBenchArgs } from '../rotate/bench-args';
import { startBenchLinuxTarget } from '../rotate/linux-bench-target';
import { machineLoad } from '../machine-load';
import { pamdeskPass } from '../rotate/pamdesk-pass';
import type { BenchAccount } from '../rotate/protocol';
import { sshProtocol, sshRotateTarget } from '../rotate/protocols/ssh';
import { ansibleMissing, ansiblePass } from './ansible-pass';

const GOAL = 4;
const ROOT_PASSWORD = 'bench-peer-ansible-root-pw';
const args = parseBenchArgs(process.argv.slice(2));
if (args.plugins !== null && args.plugins.some((p) => p.toLowerCase() !== 'ssh')) throw new Error('bench/peer-ansible measures SSH only.');
const accounts: BenchAccount[] = Array.from({ length: args.accounts }, (_, i) => ({ username: `rot${i}`, password: `rot${i}-start-pw` }));
const missing = ansibleMissing();

if (missing !== null) {
  console.log(`bench/peer-ansible: skipped, ${missing}`);
} else {
  const bench = await startBenchLinuxTarget(accounts, { rootPassword: ROOT_PASSWORD });
  const target = sshRotateTarget(bench);
  let short = false;
  try {
    console.log(`bench/peer-ansible SSH: ${accounts.length} accounts on one real sshd; the machine is shared with other busy work (load below)`);
    console.log(`  ${'concurrency'.padEnd(12)}${'ansible/s'.padStart(10)}${'pamdesk/s'.padStart(11)}${'ratio'.padStart(8)}  goal >= ${GOAL}x   load during the two passes`);
    for (const concurrency of args.concurrencies) {
      // Both passes start from passwords set by chpasswd, so each verifies and replaces the same kind of hash.
      const loadBefore = machineLoad();
      await target.setPasswords(accounts);
      const ansibleSeconds = await ansiblePass(target.host, target.port, ROOT_PASSWORD, accounts, concurrency);
      await target.setPasswords(accounts);
      const pamdesk = await pamdeskPass(sshProtocol, target, accounts, concurrency);
      const ansibleRate = accounts.length / ansibleSeconds;
      const rate = pamdesk.succeeded / pamdesk.seconds;
      const ratio = rate / ansibleRate;
      const ok = ratio >= GOAL && pamdesk.succeeded === accounts.length;
      short ||= !ok;
      console.log(`  ${String(concurrency).padEnd(12)}${ansibleRate.toFixed(2).padStart(10)}${rate.toFixed(2).padStart(11)}${`${ratio.toFixed(1)}x`.padStart(8)}  ${ok ? 'met     ' : 'NOT met '}    ${loadBefore} -> ${machineLoad()}`);
      if (pamdesk.succeeded !== accounts.length) console.log(`    only ${pamdesk.succeeded} of ${accounts.length} ended in Success: ${pamdesk.failures.join(' | ')}`);
    }
  } finally {
    await target.stop();
  }
  process.exitCode = short ? 1 : 0;
}
