import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../main/core/create-core';
import { silentLogger } from '../../main/logging/logger';
import type { ChannelName, ChannelRequest, ChannelResponse } from '../../shared/contract/channels';
import type { ImportFormat } from '../../shared/contract/transfer-channels';
import { machineLoad } from '../machine-load';
import { keepassxcCsv, pamdeskCsv } from './csv-files';

/**
 * Import and export benchmark (issue 14, goal 2): a 100,000-row KeePassXC CSV and a 100,000-row
 * pamdesk CSV are written to a temp dir, each previewed and committed into a fresh vault through
 * the core's router (the handlers the UI and CLI call: parse, dry run, commit with its audit
 * entries, all or nothing), then the credentials are exported. Prints rows per second for each
 * step against the goal, the process's peak RSS, and the machine's load (other helpers share it).
 * Run: npx tsx bench/import/run.ts   (COUNT=20000 for a quicker run)
 */
const COUNT = Number(process.env['COUNT'] ?? 100_000);
const GOAL = 10_000;
const USER = 'bench';
const PASSPHRASE = 'bench passphrase for the import';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const peakRss = () => mib(process.resourceUsage().maxRSS * 1024);

/** Wall-clock rows/s against the goal; rows per CPU-second beside it, which the machine's other load moves less. */
function report(step: string, rows: number, { ms, cpuMs }: { readonly ms: number; readonly cpuMs: number }): void {
  const rate = rows / (ms / 1000);
  console.log(
    `  ${step.padEnd(8)} ${rows.toLocaleString('en')} rows in ${(ms / 1000).toFixed(2)} s: ${Math.round(rate).toLocaleString('en')} rows/s (goal >= ${GOAL.toLocaleString('en')} rows/s) ${rate >= GOAL ? 'met' : 'NOT met'}; ${Math.round(rows / (cpuMs / 1000)).toLocaleString('en')} rows per CPU-second; peak RSS ${peakRss()}; ${machineLoad()}`,
  );
}

async function timed<T>(work: () => Promise<T>): Promise<{ readonly value: T; readonly ms: number; readonly cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

async function importInto(dir: string, format: ImportFormat, file: string): Promise<void> {
  const core = createCore({ dataDir: join(dir, `vault-${format}`), shell: 'cli', isTrustedSender: (sender) => sender.kind === 'cli', logger: silentLogger });
  const call = async <C extends ChannelName>(channel: C, payload: ChannelRequest<C>): Promise<ChannelResponse<C>> => {
    const result = await core.router.handle({ kind: 'cli' }, channel, payload);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value as ChannelResponse<C>;
  };
  try {
    await call('vault.create', { username: USER, passphrase: PASSPHRASE });
    const csvText = readFileSync(file, 'utf8');
    console.log(`${format}: ${COUNT.toLocaleString('en')} rows, ${mib(Buffer.byteLength(csvText))} (${file})`);
    const preview = await timed(() => call('import.preview', { format, csvText }));
    if (preview.value.token === null) throw new Error(`The preview found ${preview.value.errors.length} error(s), first: ${JSON.stringify(preview.value.errors[0])}`);
    report('preview', preview.value.summary.rows, preview);
    const commit = await timed(() => call('import.commit', { token: preview.value.token ?? '' }));
    report('commit', commit.value.rows, commit);
    console.log(`           created ${commit.value.create.toLocaleString('en')} credentials on ${commit.value.devicesCreated.toLocaleString('en')} new devices`);
    const exported = await timed(() => call('export.credentials', { format: 'csv' }));
    report('export', exported.value.count, exported);
  } finally {
    await core.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pamdesk-bench-import-'));
  try {
    console.log(`Machine before the run: ${machineLoad()} (maybe shared); figures are lower while other work runs.`);
    const files = { keepassxc: join(dir, 'keepassxc.csv'), pamdesk: join(dir, 'pamdesk.csv') } as const;
    writeFileSync(files.keepassxc, keepassxcCsv(COUNT));
    writeFileSync(files.pamdesk, pamdeskCsv(COUNT));
    for (const format of ['keepassxc', 'pamdesk'] as const) await importInto(dir, format, files[format]);
    console.log(`Peak RSS of the whole run: ${peakRss()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
