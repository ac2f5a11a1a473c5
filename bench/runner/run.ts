// bench/runner: the runner's own cost. 10,000 due operations against an executor that does nothing
// (every run "completes", every login is accepted), so what is measured is claim + write-ahead +
// promote + bookkeeping per operation. Prints the dispatch overhead per operation and peak memory.
// Run: node --import tsx bench/runner/run.ts [count]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../shared/contract/settings';
import { sealCredentialField } from '../../main/credentials/credential-secrets';
import { createJobRunner } from '../../main/runner/job-runner';
import { createOperation } from '../../main/runner/operation-store';
import type { ExecutionPort } from '../../main/runner/ports';
import { newRunnerIdentity } from '../../main/runner/runner-identity';
import { createVault } from '../../main/vault/open-vault';

const count = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'pamdesk-bench-runner-'));
const vault = await createVault(dir, 'bench', 'bench passphrase 1234');
const { db, driver } = vault.database;
const stamp = new Date().toISOString();

driver.prepare("INSERT INTO devices (hostname, ip, created_at, updated_at) VALUES ('bench-host', '127.0.0.1', ?, ?)").run(stamp, stamp);
const insert = driver.prepare(
  "INSERT INTO credentials (identifier, kind, username, device_id, credential_type, status, in_sync, version, created_at, updated_at) VALUES (?, 'password', ?, 1, 'Local User', 'active', 'unknown', 1, ?, ?)",
);
const setContent = driver.prepare('UPDATE credentials SET content = ? WHERE id = ?');
driver.transaction(() => {
  for (let i = 0; i < count; i++) {
    const id = Number(insert.run(`bench-${i}`, `user${i}`, stamp, stamp).lastInsertRowid);
    setContent.run(sealCredentialField(vault.fields, id, 'content', `initial-${i}`), id);
  }
})();
await db.transaction().execute(async (trx) => {
  for (let i = 1; i <= count; i++) await createOperation(trx, { type: 'change_password', credentialId: i, requester: 'bench', trigger: 'manual', maxAttempts: 1 }, new Date());
});

// Does nothing: the floor is the runner's own bookkeeping.
const idle: ExecutionPort = {
  run: () => Promise.resolve({ kind: 'completed', transcript: '', templateId: null, templateVersion: null }),
  tryLogin: () => Promise.resolve('accepted'),
  attemptBoundMs: () => Promise.resolve(60_000),
};
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
let done = 0;
const runner = createJobRunner(
  {
    db,
    driver,
    fields: vault.fields,
    port: idle,
    generate: () => ({ secret: `candidate-${Math.random()}`, publicKey: null }),
    settings: () => ({ ...DEFAULT_SETTINGS.runner, globalConcurrency: 8, perDeviceConcurrency: 8 }),
    now: () => new Date(),
    owner: newRunnerIdentity(),
    onAttemptEnded: () => done++,
  },
  { pollMs: 1_000 },
);
const started = process.hrtime.bigint();
await runner.runUntilIdle();
const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const success = (driver.prepare("SELECT count(*) AS n FROM operations WHERE state = 'Success'").get() as { n: number }).n;
await vault.close();
rmSync(dir, { recursive: true, force: true });

console.log(`bench/runner: ${count} operations, ${success} Success, ${done} attempts reported`);
console.log(`  total            ${elapsedMs.toFixed(0)} ms`);
console.log(`  per operation    ${((elapsedMs * 1000) / count).toFixed(0)} µs dispatch overhead (claim, write-ahead, promote, audit)`);
console.log(`  throughput       ${(count / (elapsedMs / 1000)).toFixed(0)} operations/s`);
console.log(`  peak RSS         ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
