import { writeFileSync } from 'node:fs';
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
    token: 'test-token-0123456789abcdefghijklmnopqrstuv',
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

function openSocket(port: number, headers: Record<string, string>): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers });
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
  it('refuses a request without its token, and one with a foreign Host', async () => {
    const host = await start();
    const base = `http://127.0.0.1:${host.port}`;
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/index.html`, { headers: { Cookie: 'pamdesk_token=guess' } })).status).toBe(401);
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it('trades the URL token for an HttpOnly cookie, then serves the UI with the CSP', async () => {
    const host = await start();
    const first = await fetch(host.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`http://127.0.0.1:${host.port}/`, { headers: { Cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect(await page.text()).toContain('<title>pamdesk</title>');
  });

  it('refuses WebSocket upgrades without the token or from a foreign origin', async () => {
    const host = await start();
    const origin = `http://127.0.0.1:${host.port}`;
    expect((await openSocket(host.port, { Origin: origin })).status).toBe(401);
    expect((await openSocket(host.port, { Origin: 'https://evil.example', Cookie: 'pamdesk_token=test-token-0123456789abcdefghijklmnopqrstuv' })).status).toBe(403);
  });

  it('carries the contract over an authenticated socket, validating payloads', async () => {
    const host = await start();
    const { ws } = await openSocket(host.port, { Origin: `http://127.0.0.1:${host.port}`, Cookie: 'pamdesk_token=test-token-0123456789abcdefghijklmnopqrstuv' });
    expect(ws).toBeDefined();
    if (!ws) return;
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
    const response = await fetch(`http://127.0.0.1:${host.port}/..%2f..%2f..%2fetc%2fpasswd`, {
      headers: { Cookie: 'pamdesk_token=test-token-0123456789abcdefghijklmnopqrstuv' },
    });
    expect(await response.text()).not.toContain('root:');
  });
});
