// bench/runner: the runner's own cost. N due operations against an executor that does nothing
// (every run "completes", every login is accepted), so what is measured is claim + write-ahead +
// promote + bookkeeping per operation. Prints, for each N, the dispatch overhead per operation
// against the goal (issue 14: under 0.5 ms at 10,000 and 100,000 due operations), the CPU this
// process spent per operation (the rest is waiting on the disk's fsyncs) and peak memory.
// Run: node --import tsx bench/runner/run.ts [count ...]   (default: 10000 100000)
// CONCURRENCY=n: the runner's global limit (default 8, the product's default); the credentials are
// spread over enough devices that the per-device limit (at most 8, as the settings allow) lets a
// whole wave run. A wave shares each commit, so this sets how far the fsyncs amortize.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../shared/contract/settings';
import { sealCredentialField } from '../../main/credentials/credential-secrets';
import { createJobRunner } from '../../main/runner/job-runner';
import { createOperation } from '../../main/runner/operation-store';
import type { ExecutionPort } from '../../main/runner/ports';
import { newRunnerIdentity } from '../../main/runner/runner-identity';
import { machineLoad } from '../machine-load';
import { createVault } from '../../main/vault/open-vault';

const GOAL_MS = 0.5;
const CONCURRENCY = Number(process.env['CONCURRENCY'] ?? 8);
const PER_DEVICE = Math.min(CONCURRENCY, 8);
const DEVICES = Math.ceil(CONCURRENCY / PER_DEVICE);
const counts = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [10_000, 100_000];

// Does nothing: the floor is the runner's own bookkeeping.
const idle: ExecutionPort = {
  run: () => Promise.resolve({ kind: 'completed', transcript: '', templateId: null, templateVersion: null }),
  tryLogin: () => Promise.resolve('accepted'),
  attemptBoundMs: () => Promise.resolve(60_000),
};

interface Figures {
  readonly count: number;
  readonly success: number;
  readonly reported: number;
  readonly elapsedMs: number;
  readonly cpuMs: number;
  readonly peakRss: number;
}

async function bench(count: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'pamdesk-bench-runner-'));
  try {
    const vault = await createVault(dir, 'bench', 'bench passphrase 1234');
    const { db, driver } = vault.database;
    const stamp = new Date().toISOString();
    const addDevice = driver.prepare("INSERT INTO devices (hostname, ip, created_at, updated_at) VALUES (?, '127.0.0.1', ?, ?)");
    const devices = Array.from({ length: DEVICES }, (_, d) => Number(addDevice.run(`bench-host-${d}`, stamp, stamp).lastInsertRowid));
    const insert = driver.prepare(
      "INSERT INTO credentials (identifier, kind, username, device_id, credential_type, status, in_sync, version, created_at, updated_at) VALUES (?, 'password', ?, ?, 'Local User', 'active', 'unknown', 1, ?, ?)",
    );
    const setContent = driver.prepare('UPDATE credentials SET content = ? WHERE id = ?');
    const ids: number[] = [];
    driver.transaction(() => {
      for (let i = 0; i < count; i++) {
        const id = Number(insert.run(`bench-${i}`, `user${i}`, devices[i % DEVICES], stamp, stamp).lastInsertRowid);
        setContent.run(sealCredentialField(vault.fields, id, 'content', `initial-${i}`), id);
        ids.push(id);
      }
    })();
    await db.transaction().execute(async (trx) => {
      for (const id of ids) await createOperation(trx, { type: 'change_password', credentialId: id, requester: 'bench', trigger: 'manual', maxAttempts: 1 }, new Date());
    });

    // rss() alone: memoryUsage() also walks the heap's spaces, every 20 ms, on the measured thread.
    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
    let reported = 0;
    const runner = createJobRunner(
      {
        db,
        driver,
        fields: vault.fields,
        port: idle,
        generate: () => ({ secret: `candidate-${Math.random()}`, publicKey: null }),
        settings: () => ({ ...DEFAULT_SETTINGS.runner, globalConcurrency: CONCURRENCY, perDeviceConcurrency: PER_DEVICE }),
        now: () => new Date(),
        owner: newRunnerIdentity(),
        onAttemptEnded: () => reported++,
      },
      { pollMs: 1_000 },
    );
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    await runner.runUntilIdle();
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    const success = (driver.prepare("SELECT count(*) AS n FROM operations WHERE state = 'Success'").get() as { n: number }).n;
    await vault.close();
    return { count, success, reported, elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRss };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The figures depend on what else the machine is doing: say so next to them.
console.log(`bench/runner: machine before starting: ${machineLoad()}; the machine may be shared with other work, so treat the figures as upper bounds`);
for (const count of counts) {
  const f = await bench(count);
  const perOpMs = f.elapsedMs / count;
  console.log(`bench/runner: ${count} due operations at concurrency ${CONCURRENCY} (${DEVICES} device(s)), ${f.success} Success, ${f.reported} attempts reported`);
  console.log(`  dispatch overhead per op: ${perOpMs.toFixed(3)} ms (goal < ${GOAL_MS} ms)${perOpMs < GOAL_MS ? '' : '  NOT MET'}`);
  console.log(`  total            ${f.elapsedMs.toFixed(0)} ms, ${(count / (f.elapsedMs / 1000)).toFixed(0)} operations/s`);
  console.log(`  cpu per op       ${(f.cpuMs / count).toFixed(3)} ms (the rest of the overhead is waiting on the disk)`);
  console.log(`  peak RSS         ${(f.peakRss / 1024 / 1024).toFixed(0)} MiB`);
}
console.log(`bench/runner: machine after: ${machineLoad()}`);
