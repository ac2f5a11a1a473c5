import { sql } from 'kysely';
import { createCore } from '../../main/core/create-core';
import { credentialDeps } from '../../main/core/handlers/vault-access';
import { upsertCredential } from '../../main/credentials/upsert-credential';
import { silentLogger } from '../../main/logging/logger';

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

/**
 * Builds a vault with `count` credentials spread over count/10 devices, in-process through the
 * core: devices through the router (as the UI would), credentials straight through the upsert
 * service the 'credential.upsert' handler uses (the same validation, sealing and FTS indexing,
 * without the per-call audit entry, which is not what this benchmark measures).
 */
export async function seedVault(dataDir: string, username: string, passphrase: string, count: number, progress: (done: number) => void): Promise<SeedFigures> {
  const started = performance.now();
  const core = createCore({ dataDir, shell: 'cli', isTrustedSender: (sender) => sender.kind === 'cli', logger: silentLogger });
  const call = async (channel: Parameters<typeof core.router.handle>[1], payload: unknown) => {
    const result = await core.router.handle({ kind: 'cli' }, channel, payload);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
    return result.value;
  };
  try {
    await call('vault.create', { username, passphrase });
    await call('domain.add', { name: 'bench.lab' });
    const deviceCount = Math.max(1, Math.ceil(count / 10));
    for (let d = 0; d < deviceCount; d += 1) {
      await call('device.upsert', {
        hostname: `host-${String(d).padStart(5, '0')}.dc${d % 4}.example`,
        ip: `10.${(d >> 16) & 255}.${(d >> 8) & 255}.${d & 255}`,
        type: DEVICE_TYPES[d % DEVICE_TYPES.length],
        vendor: VENDORS[d % VENDORS.length],
        model: `M${d % 17}`,
        device_domain: 'bench.lab',
        connectivities: 'SSH:22',
      });
    }
    const deps = credentialDeps(core.sessions);
    // Seeding only: skip the fsync after each of the 100,000 commits. The vault is thrown away after
    // the run, and a crash here loses nothing but the benchmark.
    await sql`PRAGMA synchronous = OFF`.execute(deps.db);
    for (let i = 0; i < count; i += 1) {
      const d = Math.floor(i / 10);
      const result = await upsertCredential(deps, {
        identifier: `cred-${String(i).padStart(6, '0')}`,
        username: `${USERNAMES[i % USERNAMES.length]}${i % 10 === 0 ? '' : String(i % 10)}`,
        hostname: `host-${String(d).padStart(5, '0')}.dc${d % 4}.example`,
        ip: `10.${(d >> 16) & 255}.${(d >> 8) & 255}.${d & 255}`,
        content: `bench-secret-${i}`,
        credential_type: TYPES[i % TYPES.length],
        domain: i % 3 === 0 ? 'bench.lab' : null,
        tags: `${TAGS[i % TAGS.length]},${TAGS[(i * 7) % TAGS.length]}`,
        status: i % 20 === 0 ? 'inactive' : 'active',
      });
      if (!result.ok) throw new Error(`credential ${i} was refused: ${result.response.response.message} ${result.response.response.detail}`);
      if ((i + 1) % 5000 === 0) progress(i + 1);
    }
    return { devices: deviceCount, credentials: count, seconds: (performance.now() - started) / 1000 };
  } finally {
    await core.close();
  }
}
