import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { appendAuditEntries } from '../../main/audit/append-audit';
import type { NewAuditEntry } from '../../main/audit/audit-entry';
import { createCore } from '../../main/core/create-core';
import type { Sender } from '../../main/ipc/sender';
import { createLogger } from '../../main/logging/logger';
import type { AuditFilter } from '../../shared/contract/audit';
import type { ChannelName, ChannelRequest, ChannelResponse } from '../../shared/contract/channels';
import { againstGoal, machineLoad, percentile } from '../machine-load';

/**
 * Audit benchmark (issue 14): a real vault whose trail holds COUNT entries (default 1,000,000),
 * appended through appendAuditEntries (the real writer: hashed, chained and each entry signed by its
 * actor's key), then, in process through the router as the CLI and the audit view call it:
 *  - `audit.verify` (what `pamdesk audit verify` runs): goal under 10 s;
 *  - `audit.list` (the audit view's search) over a set of realistic filters: goal p95 under 100 ms.
 * Run: node --import tsx bench/audit/run.ts   (COUNT=100000 for a quicker run; KEEP=DIR seeds DIR
 * once and reuses it on later runs, REPS=N repeats the query set N times, default 10; ONLY=verify or
 * ONLY=search runs one half, ONLY=seed only seeds; EVERY_SIGNATURE=1 also times --every-signature)
 */
const COUNT = Number(process.env['COUNT'] ?? 1_000_000);
const REPS = Number(process.env['REPS'] ?? 10);
const KEEP = process.env['KEEP'];
const ONLY = process.env['ONLY'];
const EVERY_SIGNATURE = process.env['EVERY_SIGNATURE'] === '1';
const PASSPHRASE = 'bench passphrase for audit';
const BATCH = 10_000;
const START = Date.parse('2025-01-01T00:00:00.000Z');
// The trail spans a year, whatever its length.
const STEP_MS = (365 * 86_400_000) / COUNT;
const PEOPLE = { admin: 1, olga: 2, abe: 3, audrey: 4 } as const;
type Person = keyof typeof PEOPLE;
const window = (person: Person): Sender => ({ kind: 'electron', webContentsId: PEOPLE[person], frameUrl: 'app://pamdesk/' });

/** What entry i of the trail is: mostly the runner and operators at work, a few approvals and audits. */
function entryAt(i: number): NewAuditEntry {
  const credential = String((i * 7919) % 100_000 + 1);
  const pick = i % 1000;
  if (pick < 400) return { actor: 'system', shell: 'system', action: i % 2 === 0 ? 'operation.run' : 'operation.result', objectType: 'operation', objectId: `OP-${String(i).padStart(7, '0')}`, details: { credential: Number(credential), attempt: 1 + (i % 3) } };
  if (pick < 650) return { actor: 'olga', shell: 'desktop', action: i % 3 === 0 ? 'credential.copy' : 'credential.reveal', objectType: 'credential', objectId: credential, details: { purpose: i % 3 === 0 ? 'copy' : 'view' } };
  if (pick < 850) return { actor: 'admin', shell: i % 2 === 0 ? 'cli' : 'desktop', action: 'credential.update', objectType: 'credential', objectId: credential, details: { before: { tags: 'linux' }, after: { tags: 'linux,pci' } } };
  if (pick < 995) return { actor: i % 2 === 0 ? 'olga' : 'admin', shell: 'desktop', action: i % 4 < 2 ? 'session.unlock' : 'session.sign_out', objectType: 'user', objectId: i % 2 === 0 ? 'olga' : 'admin' };
  if (pick < 999) return { actor: 'abe', shell: 'desktop', action: 'bulk.approve', objectType: 'bulk_request', objectId: `BULK-${String(i).padStart(6, '0')}`, details: { justification: 'change window' } };
  return { actor: 'audrey', shell: 'desktop', action: 'audit.export', objectType: 'audit', details: { format: 'csv', count: i } };
}

const day = (fraction: number) => new Date(START + fraction * 365 * 86_400_000).toISOString().slice(0, 10);

/** The audit view's searches, as people type them: a common and a rare actor, action, entity, dates, paging. */
const QUERIES: readonly (readonly [string, AuditFilter])[] = [
  ['everything, newest first', {}],
  ['actor olga (a quarter of the trail)', { actor: 'olga' }],
  ['actor audrey (one in a thousand)', { actor: 'audrey' }],
  ['action prefix credential.', { action: 'credential.' }],
  ['action bulk.approve (rare)', { action: 'bulk.approve' }],
  ['one credential (entity)', { objectType: 'credential', objectId: '4242' }],
  ['one bulk request (entity, rare)', { objectType: 'bulk_request', objectId: `BULK-${String(Math.floor(COUNT / 2000) * 1000 + 995).padStart(6, '0')}` }],
  ['one day in the middle', { from: day(0.5), to: day(0.5) }],
  ['olga in March', { actor: 'olga', from: day(59 / 365), to: day(89 / 365) }],
  ['audrey in February (rare actor, old range)', { actor: 'audrey', from: day(31 / 365), to: day(58 / 365) }],
  ['session. in the first week (old range)', { action: 'session.', from: day(0), to: day(6 / 365) }],
];

async function main(): Promise<void> {
  const dataDir = KEEP ?? mkdtempSync(join(tmpdir(), 'pamdesk-bench-audit-'));
  const fresh = !existsSync(join(dataDir, 'vault.db'));
  const core = createCore({ dataDir, shell: 'desktop', isTrustedSender: (sender) => sender.kind === 'electron', logger: createLogger({ level: 'error', write: (line) => process.stderr.write(`${line}\n`) }) });
  const call = async <C extends ChannelName>(who: Person, channel: C, payload: ChannelRequest<C>): Promise<ChannelResponse<C>> => {
    const result = await core.router.handle(window(who), channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as ChannelResponse<C>;
  };
  console.log(`Machine: ${machineLoad()}; shared with other helpers' builds and tests, so every figure is pessimistic.`);
  try {
    if (fresh) {
      await call('admin', 'vault.create', { username: 'admin', passphrase: PASSPHRASE });
      await call('admin', 'user.add', { username: 'olga', role: 'operator', passphrase: PASSPHRASE });
      await call('admin', 'user.add', { username: 'abe', role: 'approver', passphrase: PASSPHRASE });
      await call('admin', 'user.add', { username: 'audrey', role: 'auditor', passphrase: PASSPHRASE });
    } else {
      await call('admin', 'session.unlock', { username: 'admin', passphrase: PASSPHRASE });
    }
    for (const person of ['olga', 'abe', 'audrey'] as const) await call(person, 'session.unlock', { username: person, passphrase: PASSPHRASE });
    const db = core.sessions.vault().database.db;
    const have = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (have < COUNT) {
      console.log(`Seeding ${(COUNT - have).toLocaleString()} audit entries into ${dataDir} (batches of ${BATCH.toLocaleString()}, each entry signed)…`);
      // Seeding only: no fsync per batch. The vault is thrown away (or kept for the next run) after.
      await sql`PRAGMA synchronous = OFF`.execute(db);
      const started = performance.now();
      let clock = START + have * STEP_MS;
      for (let from = have; from < COUNT; from += BATCH) {
        const entries = Array.from({ length: Math.min(BATCH, COUNT - from) }, (_, k) => entryAt(from + k));
        await appendAuditEntries(db, entries, { now: () => new Date((clock += STEP_MS)) });
        process.stdout.write(`  ${(from + entries.length).toLocaleString()}\r`);
      }
      await sql`PRAGMA synchronous = FULL`.execute(db);
      const seconds = (performance.now() - started) / 1000;
      console.log(`Seeded in ${seconds.toFixed(1)} s (${(((COUNT - have) / seconds) | 0).toLocaleString()} entries/s through appendAuditEntries).`);
    }
    const total = have < COUNT ? COUNT : have;

    if (ONLY === undefined || ONLY === 'verify') await benchVerify(call, total);
    if (ONLY === undefined || ONLY === 'search') await benchSearch(call);
    console.log(`Machine after: ${machineLoad()}`);
  } finally {
    await core.close();
    if (KEEP === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

type Call = <C extends ChannelName>(who: Person, channel: C, payload: ChannelRequest<C>) => Promise<ChannelResponse<C>>;

async function benchVerify(call: Call, total: number): Promise<void> {
  console.log(`\nVerify (audit.verify, what \`pamdesk audit verify\` runs) over ${total.toLocaleString()} entries; ${machineLoad()}`);
  const started = performance.now();
  const verdict = await call('audrey', 'audit.verify', {});
  const verifyMs = performance.now() - started;
  const signatures = verdict.ok && verdict.signatures ? `, signatures ${verdict.signatures.mode} (${verdict.signatures.checked.toLocaleString()})` : '';
  console.log(`  ${verdict.ok ? `intact, ${verdict.count.toLocaleString()} entries${signatures}` : `BROKEN: ${verdict.reason}`}: ${againstGoal(verifyMs, 10_000)}`);
  if (EVERY_SIGNATURE) {
    const startedEvery = performance.now();
    const every = await call('audrey', 'audit.verify', { everySignature: true });
    console.log(`  --every-signature (no goal): ${every.ok ? `intact, ${every.signatures?.checked.toLocaleString() ?? '?'} signatures` : `BROKEN: ${every.reason}`} in ${((performance.now() - startedEvery) / 1000).toFixed(1)} s`);
  }
}

async function benchSearch(call: Call): Promise<void> {
  console.log(`\nSearch (audit.list, the audit view's first page of 200 and the next page) x${REPS}; ${machineLoad()}`);
  const all: number[] = [];
  const worst = new Map<string, number[]>();
  for (let rep = 0; rep < REPS; rep += 1) {
    for (const [name, filter] of QUERIES) {
      let started = performance.now();
      const page = await call('audrey', 'audit.list', { ...filter, limit: 200 });
      const first = performance.now() - started;
      const times = [first];
      const last = page.at(-1);
      if (last !== undefined && page.length === 200) {
        started = performance.now();
        await call('audrey', 'audit.list', { ...filter, limit: 200, beforeId: last.id });
        times.push(performance.now() - started);
      }
      all.push(...times);
      worst.set(name, [...(worst.get(name) ?? []), ...times]);
      if (rep === 0 && page.length === 0) console.log(`  (no entries for "${name}")`);
    }
  }
  for (const [name, times] of worst) {
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`  ${name.padEnd(46)} p50 ${percentile(sorted, 50).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`);
  }
  const sorted = all.sort((a, b) => a - b);
  console.log(`  all ${sorted.length} searches: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${againstGoal(percentile(sorted, 95), 100)} (p95 ${percentile(sorted, 95).toFixed(1)} ms)`);
}

await main();
