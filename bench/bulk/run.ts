import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveBulkRequest } from '../../main/bulk/bulk-decisions';
import { previewBulk } from '../../main/bulk/bulk-preview';
import { createBulkRequest } from '../../main/bulk/bulk-request';
import { createCore } from '../../main/core/create-core';
import { credentialsDb } from '../../main/core/handlers/vault-access';
import type { Sender } from '../../main/ipc/sender';
import { silentLogger } from '../../main/logging/logger';
import type { ChannelName, ChannelRequest, ChannelResponse } from '../../shared/contract/channels';
import type { BulkEditChanges } from '../../shared/domain/bulk';
import { MAX_SELECTED_CREDENTIALS } from '../../shared/domain/credential-selection';
import { seedVault } from '../grid/seed-vault';
import { againstGoal, machineLoad } from '../machine-load';

/**
 * Bulk benchmark (issue 14): a vault of COUNT credentials (default 100,000; one in twenty
 * inactive), then, in process, a bulk edit of all of them:
 *  - preview: the review step (From/To per credential, blast radius): goal under 2 s;
 *  - request: storing it with its tasks;
 *  - approve: the approval's all-or-nothing application with its audit entries: goal under 5 s.
 * Up to the per-request cap (MAX_SELECTED_CREDENTIALS) it goes through the router as the UI does;
 * above it, straight to the functions those handlers call (previewBulk, createBulkRequest,
 * approveBulkRequest), since the contract refuses more ids than the cap before any handler runs.
 * Run: node --import tsx bench/bulk/run.ts   (COUNT=2000 for a quicker run; KEEP=DIR seeds DIR once
 * and runs each time on a fresh copy of it, so every run edits the same vault)
 */
const COUNT = Number(process.env['COUNT'] ?? 100_000);
const KEEP = process.env['KEEP'];
const ADMIN = 'bench';
const PASSPHRASE = 'bench passphrase for bulk';
const CHANGES: BulkEditChanges = {
  credential_type: 'Service Account',
  additional: 'moved to the platform team',
  tags: { mode: 'add', tags: ['pci', 'bulk'] },
  execution_settings: { use_own_credential_to_connect: true },
};
const VIA_ROUTER = COUNT <= MAX_SELECTED_CREDENTIALS;

const window = (id: number): Sender => ({ kind: 'electron', webContentsId: id, frameUrl: 'app://pamdesk/' });
const since = (from: number) => performance.now() - from;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pamdesk-bench-bulk-'));
  try {
    console.log(`Machine: ${machineLoad()}; shared with other helpers' builds and tests, so every figure is pessimistic.`);
    const seedDir = KEEP ?? dataDir;
    if (!existsSync(join(seedDir, 'vault.db'))) {
      console.log(`Seeding ${COUNT.toLocaleString()} credentials into ${seedDir}…`);
      const seeded = await seedVault(seedDir, ADMIN, PASSPHRASE, COUNT, (done) => process.stdout.write(`  ${done.toLocaleString()}\r`));
      console.log(`Seeded ${seeded.credentials.toLocaleString()} credentials on ${seeded.devices.toLocaleString()} devices in ${seeded.seconds.toFixed(1)} s.`);
    }
    if (seedDir !== dataDir) cpSync(seedDir, dataDir, { recursive: true });

    const core = createCore({ dataDir, shell: 'desktop', isTrustedSender: (sender) => sender.kind === 'electron', logger: silentLogger });
    const call = async <C extends ChannelName>(who: number, channel: C, payload: ChannelRequest<C>): Promise<ChannelResponse<C>> => {
      const result = await core.router.handle(window(who), channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as ChannelResponse<C>;
    };
    const sessionOf = (who: number) => {
      const session = core.sessions.sessionOf(window(who));
      if (session === undefined) throw new Error(`window ${who} is not signed in`);
      return session;
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
      const all = (await core.sessions.vault().database.db.selectFrom('credentials').select('id').orderBy('id').limit(COUNT).execute()).map((row) => row.id);
      console.log(VIA_ROUTER ? 'Through the router, as the UI calls it.' : `${all.length.toLocaleString()} ids exceed the per-request cap of ${MAX_SELECTED_CREDENTIALS.toLocaleString()} (shared/domain/bulk.ts): calling the handlers' functions directly.`);

      console.log(`\nPreview of an edit of ${all.length.toLocaleString()} credentials; ${machineLoad()}`);
      let started = performance.now();
      const preview = VIA_ROUTER ? await call(2, 'bulk.preview', { action: 'edit', credentialIds: all, changes: CHANGES }) : await previewBulk(credentialsDb(core.sessions), 'edit', all, CHANGES);
      const previewMs = since(started);
      const radius = preview.blastRadius;
      console.log(`  ${againstGoal(previewMs, 2000)}: ${radius.credentials.toLocaleString()} would change, ${radius.ineligible.toLocaleString()} inactive left out; per field ${JSON.stringify(radius.perField)}`);

      const eligible = preview.items.filter((item) => item.eligible).map((item) => item.id);
      started = performance.now();
      const request = VIA_ROUTER
        ? await call(2, 'bulk.request', { action: 'edit', credentialIds: eligible, changes: CHANGES })
        : await createBulkRequest(core.sessions.vault().database.db, { action: 'edit', credentialIds: eligible, changes: CHANGES }, sessionOf(2), { now: new Date(), expiryHours: 72, shell: 'desktop' });
      console.log(`  request ${request.code} with ${eligible.length.toLocaleString()} tasks stored: ${since(started).toFixed(0)} ms`);

      console.log(`\nApproval (applies every task and its audit entries in one transaction); ${machineLoad()}`);
      started = performance.now();
      const outcome = VIA_ROUTER
        ? await call(3, 'bulk.approve', { ref: request.id, justification: 'benchmark' })
        : await approveBulkRequest({ db: core.sessions.vault().database.db, now: new Date(), shell: 'desktop', maxAttempts: 3 }, request.id, sessionOf(3), 'benchmark');
      const applyMs = since(started);
      console.log(`  ${outcome.state}: ${againstGoal(applyMs, 5000)}; ${outcome.message ?? ''}`);
      console.log(`Machine after: ${machineLoad()}`);
    } finally {
      await core.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
