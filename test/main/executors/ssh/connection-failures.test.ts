import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runSshScript } from '../../../../main/executors/ssh/run-ssh-script';
import { startCiscoTarget, type CiscoTarget } from '../../../support/targets/cisco-ios';
import { script } from './script-fixture';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A TCP server that accepts and never says a word: an SSH port behind a stuck proxy. */
async function silentServer(): Promise<number> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('connection failures and cancellation', () => {
  it("honours the template's set-connect-timeout when the handshake never comes", async () => {
    const port = await silentServer();
    const started = Date.now();
    const result = await runSshScript(
      { host: '127.0.0.1', port, pinnedFingerprint: null },
      { username: 'x', password: 'Never-Sent-1' },
      script([], [{ kind: 'set-connect-timeout', seconds: 1 }, { kind: 'expect', pattern: '*>' }]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.kind).toBe('unreachable');
    expect(result.failure.message).toContain('within 1 s');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('takes its starting timeouts from the executor options when the template sets none', async () => {
    const port = await silentServer();
    const result = await runSshScript({ host: '127.0.0.1', port, pinnedFingerprint: null }, { username: 'x', password: 'Never-Sent-2' }, script([], []), {
      timeouts: { connectTimeoutMs: 500 },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.message).toContain('within 0.5 s');
  });

  it('rejects an invalid template before connecting', async () => {
    const result = await runSshScript(
      { host: '127.0.0.1', port: 1, pinnedFingerprint: null },
      { username: 'x', password: 'y' },
      script([], [{ kind: 'set-ssh-version', version: 1 }, { kind: 'expect-regex', source: '(', flags: '' }]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ kind: 'invalid-step', line: 1, step: 'set-ssh-version' });
    expect(result.transcript).toEqual([]);
  });

  it('stops at once when the run is cancelled, and says so', async () => {
    const router: CiscoTarget = await startCiscoTarget({ users: { netops: 'Cancel-Pass-1' }, enableSecret: 'e' });
    cleanups.push(() => router.stop());
    const controller = new AbortController();
    const running = runSshScript(
      { host: router.host, port: router.port, pinnedFingerprint: router.hostKeyFingerprint },
      { username: 'netops', password: 'Cancel-Pass-1' },
      script([], [{ kind: 'set-read-timeout', seconds: 30 }, { kind: 'expect', pattern: '*never shown' }], 1, 'network-cli'), // an IOS-like target: no POSIX shell to prepare
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const result = await running;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ kind: 'aborted', line: 2 });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
