import { createCore, type Core } from '../../main/core/create-core';
import type { Sender } from '../../main/ipc/sender';
import type { KeyStore } from '../../main/keystore/key-store';
import { silentLogger } from '../../main/logging/logger';
import type { ChannelName, ChannelRequest } from '../../shared/contract/channels';

export const WINDOW_A: Sender = { kind: 'electron', webContentsId: 1, frameUrl: 'app://pamdesk/' };
export const WINDOW_B: Sender = { kind: 'electron', webContentsId: 2, frameUrl: 'app://pamdesk/' };

/** A keychain that is not there: what a machine without a Secret Service looks like to the core. */
export const absentKeyStore: KeyStore = {
  isAvailable: () => Promise.resolve({ available: false, reason: 'no Secret Service in this test' }),
  set: () => Promise.reject(new Error('unavailable')),
  get: () => Promise.resolve(null),
  delete: () => Promise.resolve(false),
};

/** A desktop-shell core on a data folder whose trusted senders are windows 1 and 2. */
export function testCore(dataDir: string, options: { now?: () => Date; keyStore?: KeyStore } = {}): Core & { call<C extends ChannelName>(sender: Sender, channel: C, payload: ChannelRequest<C>): ReturnType<Core['router']['handle']> } {
  const core = createCore({
    dataDir,
    shell: 'desktop',
    isTrustedSender: (sender) => sender.kind === 'electron' && (sender.webContentsId === 1 || sender.webContentsId === 2),
    logger: silentLogger,
    keyStore: options.keyStore ?? absentKeyStore,
    ...(options.now ? { now: options.now } : {}),
  });
  return Object.assign(core, { call: <C extends ChannelName>(sender: Sender, channel: C, payload: ChannelRequest<C>) => core.router.handle(sender, channel, payload) });
}
