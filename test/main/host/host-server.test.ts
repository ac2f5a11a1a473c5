import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../../../main/core/create-core';
import { startHostServer, type HostServer } from '../../../main/host/host-server';
import { silentLogger } from '../../../main/logging/logger';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
let server: HostServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<HostServer> {
  const rendererDir = tempDir();
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>pamdesk</title>');
  const dataDir = tempDir();
  server = await startHostServer({
    rendererDir,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    logger: silentLogger,
    makeCore: (isAuthenticatedSocket) =>
      createCore({
        dataDir,
        shell: 'host',
        isTrustedSender: (sender) => sender.kind === 'socket' && sender.authenticated && isAuthenticatedSocket(sender.connectionId),
        logger: silentLogger,
      }),
  });
  return server;
}

/** fetch cannot set Host: a raw request, as a DNS-rebinding page's browser would send it. */
function statusWithHost(port: number, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path: '/', headers: { Host: hostHeader } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
    request.end();
  });
}

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuv';

function openSocket(port: number, headers: Record<string, string>, protocols: string[] = []): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, protocols, { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    ws.once('error', () => resolve({ status: -1 }));
  });
}

function invoke(ws: WebSocket, id: number, channel: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.on('message', (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as { type: string; id: number; result: unknown };
      if (frame.type === 'result' && frame.id === id) resolve(frame.result);
    });
    ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
  });
}

describe('headless host', () => {
  it('prints a URL with the token in the fragment, never sent to a server', async () => {
    const host = await start();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=test-token-/);
    expect(new URL(host.url).search).toBe('');
  });

  it('serves the UI with the CSP on our Host, sets no cookie, and refuses a foreign Host', async () => {
    const host = await start();
    const page = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect(await page.text()).toContain('<title>pamdesk</title>');
    expect(await statusWithHost(host.port, 'evil.example')).toBe(403);
  });

  it('refuses WebSocket upgrades without the token, with only the old cookie, or from a foreign origin', async () => {
    const host = await start();
    const origin = `http://127.0.0.1:${host.port}`;
    expect((await openSocket(host.port, { Origin: origin }, ['pamdesk.v1'])).status).toBe(401);
    expect((await openSocket(host.port, { Origin: origin, Cookie: `pamdesk_token=${TOKEN}` }, ['pamdesk.v1'])).status).toBe(401);
    expect((await openSocket(host.port, { Origin: origin }, ['pamdesk.v1', 'pamdesk.token.guess'])).status).toBe(401);
    expect((await openSocket(host.port, { Origin: 'https://evil.example' }, ['pamdesk.v1', `pamdesk.token.${TOKEN}`])).status).toBe(403);
  });

  it('carries the contract over a socket that offered the token, answering with our protocol only', async () => {
    const host = await start();
    const { ws } = await openSocket(host.port, { Origin: `http://127.0.0.1:${host.port}` }, ['pamdesk.v1', `pamdesk.token.${TOKEN}`]);
    expect(ws).toBeDefined();
    if (!ws) return;
    expect(ws.protocol).toBe('pamdesk.v1');
    const status = (await invoke(ws, 1, 'core.status', {})) as { ok: boolean; value: { shell: string } };
    expect(status).toMatchObject({ ok: true, value: { shell: 'host', vault: 'absent' } });
    const bad = await invoke(ws, 2, 'core.status', { nope: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const unknown = await invoke(ws, 3, 'vault.exportEverything', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    ws.close();
  });

  it('never serves files outside the renderer folder', async () => {
    const host = await start();
    const response = await fetch(`http://127.0.0.1:${host.port}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await response.text()).not.toContain('root:');
  });

  it('sends each socket the events its own session may hear: kinds trimmed per role, nothing but lock and status without a session', async () => {
    const host = await start();
    const origin = `http://127.0.0.1:${host.port}`;
    const connect = async () => {
      const { ws } = await openSocket(host.port, { Origin: origin }, ['pamdesk.v1', `pamdesk.token.${TOKEN}`]);
      if (!ws) throw new Error('the socket did not open');
      const heard: { event: string; payload: unknown }[] = [];
      ws.on('message', (data: WebSocket.RawData) => {
        const frame = JSON.parse(data.toString()) as { type: string; event: string; payload: unknown };
        if (frame.type === 'event') heard.push({ event: frame.event, payload: frame.payload });
      });
      return { ws, heard };
    };
    const [admin, approver, nobody] = [await connect(), await connect(), await connect()];
    const passphrase = 'host audience passphrase';
    await invoke(admin.ws, 1, 'vault.create', { username: 'admin', passphrase });
    await invoke(admin.ws, 2, 'user.add', { username: 'abe', role: 'approver', passphrase });
    await invoke(approver.ws, 3, 'session.unlock', { username: 'abe', passphrase });
    await new Promise((resolve) => setTimeout(resolve, 150));
    for (const socket of [admin, approver, nobody]) socket.heard.length = 0;
    expect(await invoke(admin.ws, 4, 'domain.add', { name: 'corp.example' })).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const changes = (socket: typeof admin) => socket.heard.filter((e) => e.event === 'vault.changed').map((e) => e.payload);
    expect(changes(admin)).toEqual([{ kinds: ['credential', 'device', 'audit'] }]);
    expect(changes(approver)).toEqual([{ kinds: ['credential', 'device'] }]);
    expect(nobody.heard).toEqual([]);
    for (const socket of [admin, approver, nobody]) socket.ws.close();
  });
});
