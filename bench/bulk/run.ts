import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../main/core/create-core';
import type { Sender } from '../../main/ipc/sender';
import { silentLogger } from '../../main/logging/logger';
import type { ChannelName, ChannelRequest, ChannelResponse } from '../../shared/contract/channels';
import type { BulkEditChanges } from '../../shared/domain/bulk';
import type { CredentialMatching } from '../../shared/domain/credential-selection';
import { seedVault } from '../grid/seed-vault';
import { againstGoal, machineLoad } from '../machine-load';

/**
 * Bulk benchmark (issue 14): a bulk edit of COUNT active credentials (default 100,000), through
 * the router exactly as the wizard calls it after "Select all N matching" (the grid's filter
 * "status: active" and the count the grid showed):
 *  - preview: the review step (blast radius, the first listed items): goal under 2 s;
 *  - request: main resolves the query again, reviews, and stores one task per credential;
 *  - approve: the all-or-nothing application with its audit entries: goal under 5 s;
 *  - the approver's first look: bulk.get (counts and the first page of tasks) and another page.
 * Each line gives the wall time, the process's CPU time (on a shared machine the gap is time spent
 * waiting for a core) and the size of the answer as JSON (what IPC would carry).
 * The seed makes one credential in twenty inactive, so it seeds enough for COUNT active ones.
 * Run: node --import tsx bench/bulk/run.ts   (COUNT=2000 for a quicker run; TAGS=0 edits no tags; KEEP=DIR seeds DIR once
 * and runs each time on a fresh copy of it, so every run edits the same vault; a KEEP dir seeded
 * for another COUNT is refused)
 */
const COUNT = Number(process.env['COUNT'] ?? 100_000);
const KEEP = process.env['KEEP'];
const ADMIN = 'bench';
const PASSPHRASE = 'bench passphrase for bulk';
// TAGS=0 leaves the tags out: tags are searchable, so changing them rewrites each credential's
// search-index row (FTS5, kept by the update trigger in the same transaction), most of an approval.
const TAGS = process.env['TAGS'] !== '0';
const CHANGES: BulkEditChanges = {
  credential_type: 'Service Account',
  additional: 'moved to the platform team',
  ...(TAGS ? { tags: { mode: 'add' as const, tags: ['pci', 'bulk'] } } : {}),
  execution_settings: { use_own_credential_to_connect: true },
};

/** Credentials to seed so that COUNT are active: the seed's i % 20 === 0 are inactive. */
function seededFor(active: number): number {
  let total = active;
  while (total - Math.ceil(total / 20) < active) total += 1;
  return total;
}

const window = (id: number): Sender => ({ kind: 'electron', webContentsId: id, frameUrl: 'app://pamdesk/' });

interface Timed<T> {
  readonly value: T;
  readonly line: string;
  readonly ms: number;
}

async function timed<T>(work: () => Promise<T>, goalMs?: number): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const bytes = JSON.stringify(value).length;
  const wall = goalMs === undefined ? `${ms.toFixed(0)} ms` : againstGoal(ms, goalMs);
  return { value, ms, line: `${wall}; CPU ${((used.user + used.system) / 1000).toFixed(0)} ms; answer ${(bytes / 1024).toFixed(1)} KB as JSON` };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pamdesk-bench-bulk-'));
  try {
    console.log(`Machine: ${machineLoad()}; shared with other helpers' builds and tests, so every figure is pessimistic.`);
    const seedDir = KEEP ?? dataDir;
    if (!existsSync(join(seedDir, 'vault.db'))) {
      const seeding = seededFor(COUNT);
      console.log(`Seeding ${seeding.toLocaleString()} credentials (${COUNT.toLocaleString()} active) into ${seedDir}…`);
      const seeded = await seedVault(seedDir, ADMIN, PASSPHRASE, seeding, (done) => process.stdout.write(`  ${done.toLocaleString()}\r`));
      console.log(`Seeded ${seeded.credentials.toLocaleString()} credentials on ${seeded.devices.toLocaleString()} devices in ${seeded.seconds.toFixed(1)} s.`);
    }
    if (seedDir !== dataDir) cpSync(seedDir, dataDir, { recursive: true });

    const core = createCore({ dataDir, shell: 'desktop', isTrustedSender: (sender) => sender.kind === 'electron', logger: silentLogger });
    const call = async <C extends ChannelName>(who: number, channel: C, payload: ChannelRequest<C>): Promise<ChannelResponse<C>> => {
      const result = await core.router.handle(window(who), channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as ChannelResponse<C>;
    };
    try {
      await call(1, 'session.unlock', { username: ADMIN, passphrase: PASSPHRASE });
      const users = await call(1, 'user.list', {});
      for (const [username, role] of [['requester', 'operator'], ['approver', 'approver']] as const) {
        if (!users.some((user) => user.username === username)) await call(1, 'user.add', { username, role, passphrase: PASSPHRASE });
      }
      // Approvals count only from users who existed before the request (issue 11).
      await core.sessions.vault().database.db.updateTable('users').set({ created_at: '2000-01-01T00:00:00.000Z' }).execute();
      await call(2, 'session.unlock', { username: 'requester', passphrase: PASSPHRASE });
      await call(3, 'session.unlock', { username: 'approver', passphrase: PASSPHRASE });

      // What the grid counted for the filter, as the wizard's "Select all N matching" carries it.
      const filters = { status: ['active' as const] };
      const counted = await call(2, 'credential.query', { filters, count: 'exact', limit: 1 });
      if (counted.total !== COUNT) throw new Error(`The vault in ${seedDir} has ${counted.total.toLocaleString()} active credentials, not ${COUNT.toLocaleString()}: seed another KEEP directory.`);
      const matching: CredentialMatching = { filters, count: counted.total };
      console.log(`Through the router, as the wizard calls it: "Select all ${COUNT.toLocaleString()} matching" (status: active).`);

      console.log(`\nPreview of an edit of ${COUNT.toLocaleString()} credentials; ${machineLoad()}`);
      const preview = await timed(() => call(2, 'bulk.preview', { action: 'edit', matching, changes: CHANGES }), 2000);
      const radius = preview.value.blastRadius;
      console.log(`  ${preview.line}`);
      console.log(`  ${radius.credentials.toLocaleString()} would change, ${radius.ineligible.toLocaleString()} ineligible, ${preview.value.items.length} listed; per field ${JSON.stringify(radius.perField)}`);

      const request = await timed(() => call(2, 'bulk.request', { action: 'edit', matching, changes: CHANGES }));
      console.log(`  request ${request.value.code} with ${request.value.credentialCount.toLocaleString()} tasks stored: ${request.line}`);

      console.log(`\nApproval (applies every task and its audit entries in one transaction); ${machineLoad()}`);
      const outcome = await timed(() => call(3, 'bulk.approve', { ref: request.value.id, justification: 'benchmark' }), 5000);
      console.log(`  ${outcome.value.state}: ${outcome.line}; ${outcome.value.message ?? ''}`);

      const detail = await timed(() => call(3, 'bulk.get', { ref: request.value.id }));
      console.log(`  approver's view (counts ${JSON.stringify(detail.value.taskCounts)}, first ${detail.value.tasks.length} tasks): ${detail.line}`);
      const page = await timed(() => call(3, 'bulk.tasks', { ref: request.value.id, offset: Math.floor(COUNT / 2) }));
      console.log(`  a page from the middle (${page.value.rows.length} of ${page.value.total.toLocaleString()} tasks): ${page.line}`);
      console.log(`Machine after: ${machineLoad()}`);
    } finally {
      await core.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
