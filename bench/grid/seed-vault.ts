import { sql } from 'kysely';
import { applyImportRows } from '../../main/import/apply-import';
import type { MappedRow } from '../../main/import/import-row';
import { openBenchCore } from './bench-core';

const USERNAMES = ['root', 'admin', 'oracle', 'postgres', 'backup', 'deploy', 'svc_monitor', 'jenkins', 'ansible', 'operator'];
const TYPES = ['Local User', 'Domain User', 'Service Account', 'Database'];
const TAGS = ['linux', 'windows', 'prod', 'dev', 'pci', 'dmz', 'core', 'edge'];
const DEVICE_TYPES = ['Linux', 'Windows', 'Switch', 'Router', 'Database'];
const VENDORS = ['Debian', 'Microsoft', 'Cisco', 'Juniper', 'Oracle'];

export interface SeedFigures {
  readonly devices: number;
  readonly credentials: number;
  readonly seconds: number;
}

/** Rows per transaction: large enough to amortise the commit, small enough to keep memory flat. */
const SEED_CHUNK = 50_000;

/**
 * The import row for credential i: ten credentials per device, the first of each naming the
 * device's attributes (type, vendor, model, domain, connectivities) as the device form would.
 */
function seedRow(i: number): MappedRow {
  const d = Math.floor(i / 10);
  const hostname = `host-${String(d).padStart(5, '0')}.dc${d % 4}.example`;
  const ip = `10.${(d >> 16) & 255}.${(d >> 8) & 255}.${d & 255}`;
  const device =
    i % 10 === 0 ? { type: DEVICE_TYPES[d % DEVICE_TYPES.length], vendor: VENDORS[d % VENDORS.length], model: `M${d % 17}`, device_domain: 'bench.lab', connectivities: 'SSH:22' } : {};
  const body = {
    identifier: `cred-${String(i).padStart(6, '0')}`,
    username: `${USERNAMES[i % USERNAMES.length]}${i % 10 === 0 ? '' : String(i % 10)}`,
    hostname,
    ip,
    content: `bench-secret-${i}`,
    credential_type: TYPES[i % TYPES.length],
    domain: i % 3 === 0 ? 'bench.lab' : null,
    tags: `${TAGS[i % TAGS.length]},${TAGS[(i * 7) % TAGS.length]}`,
    status: i % 20 === 0 ? 'inactive' : 'active',
    ...device,
  };
  return { kind: 'upsert', row: i + 1, line: i + 2, body, hostname, ip };
}

/**
 * Builds a vault with `count` credentials spread over count/10 devices, in-process through the
 * core: the vault and domain through the router (as the UI would), then every device and
 * credential through the import's own writer (applyImportRows: the upsert's validation and
 * column rules, secrets sealed per row, FTS kept by the triggers), SEED_CHUNK rows per
 * transaction. It writes no per-credential audit entries (the import's commit adds those; this
 * benchmark measures the grid, not the trail).
 */
export async function seedVault(dataDir: string, username: string, passphrase: string, count: number, progress: (done: number) => void): Promise<SeedFigures> {
  const started = performance.now();
  const { core, call } = openBenchCore(dataDir);
  try {
    await call('vault.create', { username, passphrase });
    await call('domain.add', { name: 'bench.lab' });
    const vault = core.sessions.vault();
    const db = vault.database.db;
    // Seeding only: no fsync per commit. The vault is thrown away after the run, and a crash here
    // loses nothing but the benchmark.
    await sql`PRAGMA synchronous = OFF`.execute(db);
    const now = () => new Date();
    const onProgress = (from: number) => (done: number) => {
      // The writer lets timers run between batches: keep the idle lock from closing the session.
      core.sessions.touch({ kind: 'cli' });
      progress(from + done);
    };
    for (let from = 0; from < count; from += SEED_CHUNK) {
      const rows = Array.from({ length: Math.min(SEED_CHUNK, count - from) }, (_, k) => seedRow(from + k));
      const run = await db.transaction().execute((trx) => applyImportRows(trx, vault.fields, rows, now, username, { onProgress: onProgress(from) }));
      const failed = run.errors[0];
      if (failed !== undefined) throw new Error(`Seed row ${failed.row} was refused: ${failed.problem}`);
    }
    return { devices: Math.ceil(count / 10), credentials: count, seconds: (performance.now() - started) / 1000 };
  } finally {
    await core.close();
  }
}
