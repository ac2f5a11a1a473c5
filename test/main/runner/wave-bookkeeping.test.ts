import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/contract/settings';
import { bindAuditListener } from '../../../main/audit/audit-listeners';
import { verifyAuditChain } from '../../../main/audit/verify-audit-chain';
import { openCredentialField, sealCredentialField } from '../../../main/credentials/credential-secrets';
import { createJobRunner } from '../../../main/runner/job-runner';
import { claimDueOperations, createOperation } from '../../../main/runner/operation-store';
import type { ExecutionPort, RunRequest } from '../../../main/runner/ports';
import type { RunnerDeps } from '../../../main/runner/runner-deps';
import { newRunnerIdentity } from '../../../main/runner/runner-identity';
import { createVault, type OpenVault } from '../../../main/vault/open-vault';
import { useTempDirs } from '../../support/temp-dir';

// The runner's bookkeeping for a wave of due operations, in process against a target that is a
// map of accounts (what the SSH and SIGKILL tests check against real devices, at a glance here).

const tempDir = useTempDirs();
let vault: OpenVault | undefined;
afterEach(async () => {
  await vault?.close();
  vault = undefined;
});

const WAVE = 6;

/** Accounts keyed by credential id; a run sets the new secret, a login compares. */
function fakeTarget(secrets: Map<number, string>): ExecutionPort & { readonly runs: RunRequest[] } {
  const runs: RunRequest[] = [];
  return {
    runs,
    run: (request) => {
      runs.push(request);
      if (request.newSecret !== null) secrets.set(request.credential.id, request.newSecret);
      return Promise.resolve({ kind: 'completed', transcript: '', templateId: null, templateVersion: null });
    },
    tryLogin: (credential, secret) => Promise.resolve(secrets.get(credential.id) === secret ? 'accepted' : 'rejected'),
    attemptBoundMs: () => Promise.resolve(60_000),
  };
}

async function world(): Promise<{ vault: OpenVault; ids: number[]; childId: number; liveChildId: number; secrets: Map<number, string>; deps: (port: ExecutionPort, owner?: string) => RunnerDeps }> {
  const opened = await createVault(tempDir(), 'admin', 'wave bookkeeping passphrase');
  vault = opened;
  const { driver } = opened.database;
  const stamp = new Date().toISOString();
  driver.prepare("INSERT INTO devices (hostname, ip, created_at, updated_at) VALUES ('wave-host', '127.0.0.1', ?, ?)").run(stamp, stamp);
  const insert = driver.prepare(
    "INSERT INTO credentials (identifier, kind, username, device_id, credential_type, status, in_sync, version, parent_credential_id, needs_human_interaction, created_at, updated_at) VALUES (?, 'password', ?, 1, 'Local User', 'active', 'unknown', 1, ?, ?, ?, ?)",
  );
  const secrets = new Map<number, string>();
  const add = (name: string, parent: number | null, human: number): number => {
    const id = Number(insert.run(name, name, parent, human, stamp, stamp).lastInsertRowid);
    driver.prepare('UPDATE credentials SET content = ? WHERE id = ?').run(sealCredentialField(opened.fields, id, 'content', `${name}-initial`), id);
    secrets.set(id, `${name}-initial`);
    return id;
  };
  const ids = Array.from({ length: WAVE }, (_, i) => add(`wave-${i}`, null, 0));
  // A child needing a human step: its parent's promotion records the skip in the same transaction.
  const childId = add('wave-child', ids[2] ?? null, 1);
  // Another parent's children: the live one gets a child change, the archived one nothing.
  const liveChildId = add('wave-child-live', ids[3] ?? null, 0);
  const archivedChildId = add('wave-child-archived', ids[3] ?? null, 0);
  driver.prepare('UPDATE credentials SET archived_at = ? WHERE id = ?').run(stamp, archivedChildId);
  for (const id of ids) await createOperation(opened.database.db, { type: 'change_password', credentialId: id, requester: 'admin', trigger: 'manual', maxAttempts: 3 }, new Date());
  let n = 0;
  const deps = (port: ExecutionPort, owner = newRunnerIdentity()): RunnerDeps => ({
    db: opened.database.db,
    driver,
    fields: opened.fields,
    port,
    generate: () => ({ secret: `candidate-${++n}`, publicKey: null }),
    settings: () => ({ ...DEFAULT_SETTINGS.runner, globalConcurrency: 8, perDeviceConcurrency: 8 }),
    now: () => new Date(),
    owner,
    onAttemptEnded: () => undefined,
  });
  return { vault: opened, ids, childId, liveChildId, secrets, deps };
}

/** The states of the wave's own operations (not the child changes their promotions schedule). */
function states(v: OpenVault): string[] {
  return (v.database.driver.prepare("SELECT state FROM operations WHERE type = 'change_password' ORDER BY id").all() as { state: string }[]).map((r) => r.state);
}

function vaultSecret(v: OpenVault, id: number): string {
  const row = v.database.driver.prepare('SELECT content FROM credentials WHERE id = ?').get(id) as { content: Buffer };
  return openCredentialField(v.fields, id, 'content', row.content);
}

describe('a wave of due operations', () => {
  it('is promoted with its audit entries appended to the chain once for the whole wave, in the order of the promotions, a skipped child right after its parent', async () => {
    const w = await world();
    const heard: string[] = [];
    bindAuditListener(w.vault.database.db, (entry) => heard.push(entry.action));
    const port = fakeTarget(w.secrets);
    await createJobRunner(w.deps(port), { pollMs: 50 }).runUntilIdle();

    expect(states(w.vault)).toEqual(Array(WAVE).fill('Success'));
    for (const id of w.ids) expect(w.secrets.get(id)).toBe(vaultSecret(w.vault, id));
    const entries = w.vault.database.driver.prepare("SELECT action, object_id FROM audit_log WHERE action IN ('credential.rotated', 'operation.child_skipped') ORDER BY id").all() as { action: string; object_id: string }[];
    const rotated = entries.filter((e) => e.action === 'credential.rotated').map((e) => Number(e.object_id));
    // The wave, then the live child's change its parent's promotion scheduled.
    expect([...rotated].sort((a, b) => a - b)).toEqual([...w.ids, w.liveChildId]);
    const parentAt = entries.findIndex((e) => e.action === 'credential.rotated' && Number(e.object_id) === w.ids[2]);
    expect(entries[parentAt + 1]).toEqual({ action: 'operation.child_skipped', object_id: String(w.childId) });
    expect(await verifyAuditChain(w.vault.database.db)).toMatchObject({ ok: true });
    expect(w.vault.database.driver.prepare("SELECT credential_id, state FROM operations WHERE type = 'child_password_change'").all()).toEqual([{ credential_id: w.liveChildId, state: 'Success' }]);
    // One append for the wave's promotions (the listener hears each kind once per append):
    // one per promotion before the group commit batched them.
    // (The child's change runs after the wave: a second append.)
    expect(heard.filter((action) => action === 'credential.rotated')).toHaveLength(2);
    expect(heard.filter((action) => action === 'operation.child_skipped')).toHaveLength(1);
  });

  it('claimed in one transaction by a runner that dies before touching a target is recovered: each attempt closed as interrupted, nothing sent, then each changed once', async () => {
    const w = await world();
    const port = fakeTarget(w.secrets);
    // The dead runner: this host, this pid, a nonce no live runner of this process has.
    const dead = `${hostname()}:${process.pid}:deadbeef`;
    const claimed = await claimDueOperations(w.vault.database.db, w.vault.database.driver, { owner: dead, now: new Date(), leaseMs: 60_000, globalLimit: 8, perDeviceLimit: 8 }, WAVE);
    expect(claimed).toHaveLength(WAVE);
    expect(states(w.vault)).toEqual(Array(WAVE).fill('Running'));
    expect(port.runs).toHaveLength(0);

    await createJobRunner(w.deps(port), { pollMs: 50 }).runUntilIdle();

    expect(states(w.vault)).toEqual(Array(WAVE).fill('Success'));
    const attempts = w.vault.database.driver.prepare('SELECT operation_id, number, outcome, runner FROM attempts ORDER BY operation_id, number').all() as { operation_id: number; number: number; outcome: string; runner: string }[];
    for (const [index, op] of claimed.entries()) {
      const own = attempts.filter((a) => a.operation_id === op.id);
      expect(own.map((a) => [a.number, a.outcome, a.runner === dead])).toEqual([
        [1, 'interrupted', true],
        [2, 'success', false],
      ]);
      expect(vaultSecret(w.vault, w.ids[index] ?? 0)).toBe(w.secrets.get(w.ids[index] ?? 0));
    }
    // Each target was changed exactly once, by the runner that recovered the wave (and the live child by its own change).
    expect(port.runs.map((r) => r.credential.id).sort((a, b) => a - b)).toEqual([...w.ids, w.liveChildId]);
  });
});
