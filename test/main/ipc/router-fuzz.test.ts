import { afterEach, describe, expect, it } from 'vitest';
import type { Sender } from '../../../main/ipc/sender';
import { channels } from '../../../shared/contract/channels';
import { envelopeSchema, junkString, junkValue, pick, prototypeSnapshot, seededRandom } from '../../support/fuzz';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A, WINDOW_B } from '../../support/test-core';

/**
 * 10,000 malformed messages to the router through a real core: wrong types, huge strings, deep
 * nesting, __proto__/constructor keys, every channel, unknown channels, and senders that are
 * untrusted, trusted without a session, or signed in. Every answer must be a typed envelope, none
 * may take long, and Object.prototype must be untouched. SEED reproduces a failure.
 */
const SEED = Number(process.env['PAMDESK_FUZZ_SEED'] ?? 20261202);
const MESSAGES = 10_000;
const ADMIN = { username: 'admin', passphrase: 'router fuzz admin passphrase' };
const tempDir = useTempDirs();
const cores: ReturnType<typeof testCore>[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const CHANNELS = Object.keys(channels);
const UNKNOWN = ['', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'credential.', 'Credential.Query', 'vault.create ', 'x'.repeat(100_000)];
const UNTRUSTED: Sender = { kind: 'electron', webContentsId: 99, frameUrl: 'https://evil.example/' };
const FOREIGN_SOCKET: Sender = { kind: 'socket', connectionId: 'nobody', authenticated: false };

describe('router fuzz', () => {
  it(`answers ${MESSAGES} malformed messages with typed envelopes, quickly, without polluting prototypes (seed ${SEED})`, async () => {
    const core = testCore(tempDir());
    cores.push(core);
    const created = await core.call(WINDOW_A, 'vault.create', ADMIN);
    expect(created.ok).toBe(true);
    const prototypes = prototypeSnapshot();
    const random = seededRandom(SEED);
    const codes = new Map<string, number>();
    let slowest = 0;
    for (let batch = 0; batch < MESSAGES / 500; batch += 1) {
      const messages = Array.from({ length: 500 }, () => {
        const sender = pick(random, [WINDOW_A, WINDOW_A, WINDOW_A, WINDOW_B, UNTRUSTED, FOREIGN_SOCKET]);
        const roll = random();
        const channel: unknown = roll < 0.85 ? pick(random, CHANNELS) : roll < 0.95 ? pick(random, UNKNOWN) : roll < 0.98 ? junkString(random) : junkValue(random);
        return { sender, channel, payload: junkValue(random) };
      });
      const answers = await Promise.all(
        messages.map(async (message) => {
          const started = Date.now();
          const answer: unknown = await core.router.handle(message.sender, message.channel, message.payload);
          slowest = Math.max(slowest, Date.now() - started);
          return { message, answer };
        }),
      );
      for (const { message, answer } of answers) {
        const checked = envelopeSchema.safeParse(answer);
        const where = `seed ${SEED} batch ${batch} channel ${typeof message.channel === 'string' ? message.channel.slice(0, 60) : typeof message.channel}`;
        expect(checked.success, `${where}: ${JSON.stringify(answer)?.slice(0, 300)}`).toBe(true);
        if (checked.success && !checked.data.ok) {
          // INTERNAL would be a handler crashing on input its schema let through: a bug.
          expect(checked.data.error.code, `${where}: ${checked.data.error.message}`).not.toBe('INTERNAL');
          codes.set(checked.data.error.code, (codes.get(checked.data.error.code) ?? 0) + 1);
        }
      }
      // Junk can lock the vault or sign the window out (session.lock accepts any object); sign in
      // again so the rest of the run keeps reaching handlers behind a session.
      const current = await core.call(WINDOW_A, 'session.current', {});
      if (current.ok && current.value === null) {
        const unlocked = await core.call(WINDOW_A, 'session.unlock', ADMIN);
        expect(unlocked.ok, `seed ${SEED}: re-unlock after batch ${batch}`).toBe(true);
      }
      expect(prototypeSnapshot(), `seed ${SEED} batch ${batch}`).toBe(prototypes);
    }
    // The messages reached every layer: sender, channel, schema and session checks all answered.
    for (const code of ['UNTRUSTED_SENDER', 'UNKNOWN_CHANNEL', 'BAD_REQUEST', 'UNAUTHENTICATED']) expect(codes.get(code) ?? 0, code).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(10_000);
    // And the core still works.
    const status = await core.call(WINDOW_A, 'audit.verify', {});
    expect(status.ok && status.value).toMatchObject({ ok: true });
  }, 120_000);
});
