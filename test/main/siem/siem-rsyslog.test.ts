import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/create-core';
import type { Sender } from '../../../main/ipc/sender';
import { silentLogger } from '../../../main/logging/logger';
import { queueLength } from '../../../main/siem/siem-queue';
import type { ChannelName, ChannelRequest, ChannelResponse } from '../../../shared/contract/channels';
import { absentKeyStore } from '../../support/test-core';
import { needsTool } from '../../support/needs-tool';
import { eventually, freePort, makeTlsFiles, rsyslogUnavailable, startRsyslog, type Rsyslog } from '../../support/rsyslog';

const SECRET = 'Sup3r-Seeded-Secret!42';
const WINDOW: Sender = { kind: 'electron', webContentsId: 1, frameUrl: 'app://pamdesk/' };
// PRI VERSION TIMESTAMP(with offset) HOSTNAME APP-NAME PROCID MSGID SD [MSG]
const RFC5424 = /^<(\d{1,3})>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d [!-~]{1,255} pamdesk \d+ [!-~]{1,32} \[pamdesk@32473(?: [^= \]"]{1,32}="(?:[^"\\\]]|\\["\\\]])*")*\](?: .*)?$/;

const unavailable = rsyslogUnavailable();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function world() {
  const dir = mkdtempSync(join(tmpdir(), 'pamdesk-siem-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  let clock = new Date();
  const core: Core = createCore({ dataDir: join(dir, 'vault'), shell: 'desktop', isTrustedSender: (s) => s.kind === 'electron', logger: silentLogger, keyStore: absentKeyStore, now: () => clock });
  cleanups.push(() => core.close());
  const call = async <C extends ChannelName>(channel: C, payload: ChannelRequest<C>): Promise<ChannelResponse<C>> => {
    const result = await core.router.handle(WINDOW, channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as ChannelResponse<C>;
  };
  const ports = { udp: await freePort(), tcp: await freePort(), tls: await freePort() };
  const tls = makeTlsFiles(dir);
  let rsyslog: Rsyslog | undefined;
  return {
    dir,
    core,
    call,
    ports,
    tls,
    advance(ms: number) {
      clock = new Date(clock.getTime() + ms);
    },
    async startCollector() {
      rsyslog = await startRsyslog(dir, ports, tls);
      cleanups.push(() => rsyslog?.stop());
      return rsyslog;
    },
    tick: () => core.siem()?.tick() ?? Promise.reject(new Error('the forwarder is not running')),
    queued: () => queueLength(core.sessions.vault().database.db),
  };
}

/** A vault with a credential holding SECRET, a reveal of it, and a failed attempt whose error text leaks it. */
async function seed(w: Awaited<ReturnType<typeof world>>): Promise<void> {
  await w.call('vault.create', { username: 'admin', passphrase: 'siem test passphrase' });
  await w.call('device.upsert', { hostname: 'srv01', ip: '10.0.0.1' });
  const created = await w.call('credential.upsert', { hostname: 'srv01', ip: '10.0.0.1', username: 'root', identifier: 'root-srv01', content: SECRET, notes: 'quote " backslash \\ bracket ]' });
  const id = Number(created.credential?.id);
  await w.call('credential.reveal', { id, purpose: 'view' });
  const db = w.core.sessions.vault().database.db;
  const stamp = new Date().toISOString();
  const op = await db
    .insertInto('operations')
    .values({ code: 'OP-000001', type: 'change_password', credential_id: id, device_id: 1, requester: 'admin', trigger: 'manual', scheduled_at: stamp, state: 'Error', next_attempt_at: stamp, created_at: stamp, updated_at: stamp })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('attempts').values({ operation_id: op.id, number: 1, started_at: stamp, ended_at: stamp, outcome: 'error', error: `login refused; password=${SECRET}`, runner: 'test' }).execute();
}

function expectWellFormed(raw: readonly string[], parsed: readonly Record<string, string>[]): void {
  expect(raw.length).toBeGreaterThan(0);
  for (const line of raw) {
    expect(line).toMatch(RFC5424);
    expect(line).not.toContain(SECRET);
  }
  for (const message of parsed) {
    expect(message).toMatchObject({ version: '1', app: 'pamdesk' });
    expect(message['sd']).toMatch(/^\[pamdesk@32473 /);
  }
}

/**
 * rsyslog writes each message twice (raw and parsed files) in two actions that flush separately:
 * wait until both files hold the same messages before reading either.
 */
function written(rsyslog: { raw(t: 'udp' | 'tcp' | 'tls'): string[]; parsed(t: 'udp' | 'tcp' | 'tls'): Record<string, string>[] }, transport: 'udp' | 'tcp' | 'tls'): boolean {
  const raw = rsyslog.raw(transport).length;
  return raw > 0 && rsyslog.parsed(transport).length === raw;
}

const rsyslog = needsTool(unavailable === null, unavailable ?? '');
describe.skipIf(rsyslog.skip)(rsyslog.title('SIEM forwarding to a real rsyslog'), () => {
  it('delivers well-formed RFC 5424 over UDP, TCP (octet counting) and TLS, with no secret in any message', async () => {
    const w = await world();
    w.core.settings.update({ siem: { enabled: true, transport: 'udp', host: '127.0.0.1', port: w.ports.udp, facility: 13, caPem: null } });
    const rsyslog = await w.startCollector();
    await seed(w);

    await w.tick();
    await eventually(() => written(rsyslog, 'udp') && rsyslog.raw('udp').some((l) => l.includes(' operation.error ')), 'the UDP messages');
    expect(await w.queued()).toBe(0);
    const udp = rsyslog.raw('udp');
    expectWellFormed(udp, rsyslog.parsed('udp'));
    const reveal = udp.find((l) => l.includes(' credential.reveal '));
    expect(reveal).toMatch(/^<109>1 /); // facility 13 (log audit) * 8 + notice (5)
    expect(reveal).toContain('actor="admin"');
    expect(reveal).toContain('object="credential:1"');
    const create = udp.find((l) => l.includes(' credential.create ')) ?? '';
    // The notes' quote, backslash and bracket reach the MSG; the SD stays parseable.
    expect(create).toContain('quote');
    const attempt = udp.find((l) => l.includes(' operation.error ')) ?? '';
    expect(attempt).toMatch(/^<107>1 /); // error severity
    expect(attempt).toContain('password=[redacted]');
    expect(rsyslog.parsed('udp').find((p) => p['msgid'] === 'operation.error')?.['sd']).toContain('object="operation:OP-000001"');

    w.core.settings.update({ siem: { transport: 'tcp', port: w.ports.tcp } });
    await w.call('credential.reveal', { id: 1, purpose: 'copy' });
    await w.tick();
    await eventually(() => written(rsyslog, 'tcp') && rsyslog.raw('tcp').some((l) => l.includes(' credential.copy ')), 'the TCP message');
    expectWellFormed(rsyslog.raw('tcp'), rsyslog.parsed('tcp'));

    w.core.settings.update({ siem: { transport: 'tls', port: w.ports.tls, caPem: w.tls.caPem } });
    await w.call('credential.reveal', { id: 1, purpose: 'view' });
    await w.tick();
    await eventually(() => written(rsyslog, 'tls') && rsyslog.raw('tls').length > 0, 'the TLS message');
    expectWellFormed(rsyslog.raw('tls'), rsyslog.parsed('tls'));
    expect(await w.queued()).toBe(0);
  });

  it('queues while the collector is down and delivers everything, in order, once it is up', async () => {
    const w = await world();
    w.core.settings.update({ siem: { enabled: true, transport: 'tcp', host: '127.0.0.1', port: w.ports.tcp, caPem: null } });
    await seed(w);
    await w.tick();
    const waiting = await w.queued();
    expect(waiting).toBeGreaterThan(3);
    const row = await w.core.sessions.vault().database.db.selectFrom('siem_queue').selectAll().orderBy('id').executeTakeFirstOrThrow();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/Could not deliver to the SIEM collector tcp:\/\/127\.0\.0\.1:\d+/);
    // Still down, and not due yet: nothing changes.
    await w.tick();
    expect(await w.queued()).toBe(waiting);

    const rsyslog = await w.startCollector();
    await w.tick(); // backoff not over: still queued
    expect(await w.queued()).toBe(waiting);
    w.advance(10 * 60_000);
    await w.tick();
    expect(await w.queued()).toBe(0);
    await eventually(() => written(rsyslog, 'tcp') && rsyslog.raw('tcp').length >= waiting, 'the queued messages');
    const entries = rsyslog.parsed('tcp').map((p) => Number(/entry="(\d+)"/.exec(p['sd'] ?? '')?.[1] ?? NaN)).filter((n) => !Number.isNaN(n));
    expect(entries).toEqual([...entries].sort((a, b) => a - b));
    expect(entries[0]).toBe(1);
    expectWellFormed(rsyslog.raw('tcp'), rsyslog.parsed('tcp'));
  });

  it('refuses a collector whose certificate the configured CA did not sign, and never falls back to plaintext', async () => {
    const w = await world();
    const other = makeTlsFiles(mkdtempSync(join(w.dir, 'other-ca-')));
    w.core.settings.update({ siem: { enabled: true, transport: 'tls', host: '127.0.0.1', port: w.ports.tls, caPem: other.caPem } });
    const rsyslog = await w.startCollector();
    await seed(w);
    await w.tick();
    expect(await w.queued()).toBeGreaterThan(0);
    const row = await w.core.sessions.vault().database.db.selectFrom('siem_queue').select('last_error').executeTakeFirstOrThrow();
    expect(row.last_error).toMatch(/certificate/i);
    expect(rsyslog.raw('tls')).toEqual([]);
    expect(rsyslog.raw('tcp')).toEqual([]);
  });
});
