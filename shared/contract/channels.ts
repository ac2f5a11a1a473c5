import { z } from 'zod';
import { ROLES } from '../roles';
import { coreStatusSchema } from './core-status';
import { idleStatusSchema, newPassphraseSchema, passphraseSchema, sessionInfoSchema, usernameSchema } from './session';

import { approvalChannels } from './approval-channels';
import { bulkChannels } from './bulk-channels';
import { channel, noPayload, nothing } from './channel-spec';
import { credentialChannels } from './credential-channels';
import { credentialHistoryChannels } from './credential-history-channels';
import { dashboardChannels } from './dashboard-channels';
import { recordChannels } from './lifecycle-channels';
import { operationChannels } from './operation-channels';
import { policyChannels } from './policy-channels';
import { preferencesChannels } from './preferences-channels';
import { resetChannels } from './reset-channels';
import { settingsChannels } from './settings-channels';
import { templateChannels } from './template-channels';
import { transferChannels } from './transfer-channels';
import { userChannels, userViewSchema } from './user-channels';

export type { ChannelSpec } from './channel-spec';

export { userViewSchema } from './user-channels';

/**
 * The IPC contract: every request the renderer may send to main. Adding a channel here is the only
 * way to reach main; preload and the host refuse names that are not in this map.
 */
export const channels = {
  ...credentialChannels,
  ...credentialHistoryChannels,
  ...operationChannels,
  ...approvalChannels,
  ...templateChannels,
  ...policyChannels,
  ...resetChannels,
  ...bulkChannels,
  ...dashboardChannels,
  ...settingsChannels,
  ...preferencesChannels,
  ...transferChannels,
  ...userChannels,
  ...recordChannels,
  'core.status': channel({ request: noPayload, response: coreStatusSchema, requires: 'public' }),

  // Vault and sessions. Unlocking is public by nature; everything after it needs a session.
  'vault.create': channel({
    request: z.object({ username: usernameSchema, passphrase: newPassphraseSchema }).strict(),
    response: sessionInfoSchema,
    requires: 'public',
  }),
  'session.current': channel({ request: noPayload, response: sessionInfoSchema.nullable(), requires: 'public' }),
  'session.unlock': channel({
    request: z.object({ username: usernameSchema, passphrase: passphraseSchema, remember: z.boolean().default(false) }).strict(),
    response: sessionInfoSchema,
    requires: 'public',
  }),
  'session.unlockWithDevice': channel({ request: z.object({ username: usernameSchema }).strict(), response: sessionInfoSchema, requires: 'public' }),
  'session.lock': channel({ request: noPayload, response: nothing, requires: 'session' }),
  'session.signOut': channel({ request: noPayload, response: nothing, requires: 'session' }),
  'session.touch': channel({ request: noPayload, response: nothing, requires: 'session' }),
  // Asking does not count as activity: only session.touch moves the deadline.
  'session.idleStatus': channel({ request: noPayload, response: idleStatusSchema, requires: 'session' }),
  'session.forgetDevice': channel({ request: noPayload, response: nothing, requires: 'session' }),
  'session.changePassphrase': channel({
    request: z.object({ current: passphraseSchema, next: newPassphraseSchema }).strict(),
    response: nothing,
    requires: 'session',
  }),

  'user.list': channel({ request: noPayload, response: z.array(userViewSchema), requires: 'user.manage' }),
  'user.add': channel({
    request: z.object({ username: usernameSchema, role: z.enum(ROLES), passphrase: newPassphraseSchema }).strict(),
    response: userViewSchema,
    requires: 'user.manage',
  }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelRequest<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ParsedRequest<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ChannelResponse<C extends ChannelName> = z.output<Channels[C]['response']>;

export const CHANNEL_NAMES = Object.freeze(Object.keys(channels)) as readonly ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
