import { z } from 'zod';
import type { Requirement } from '../roles';
import { coreStatusSchema } from './core-status';

/**
 * The IPC contract: every request the renderer may send to main. Each channel has a zod schema for
 * its request (main validates every payload: the renderer is untrusted), a schema for its response,
 * and the requirement main enforces before the handler runs. Adding a channel here is the only way
 * to reach main; preload and the host refuse names that are not in this map.
 */
export interface ChannelSpec<Req extends z.ZodType, Res extends z.ZodType> {
  readonly request: Req;
  readonly response: Res;
  readonly requires: Requirement;
}

function channel<Req extends z.ZodType, Res extends z.ZodType>(spec: ChannelSpec<Req, Res>): ChannelSpec<Req, Res> {
  return spec;
}

const noPayload = z.object({}).strict();

export const channels = {
  'core.status': channel({ request: noPayload, response: coreStatusSchema, requires: 'public' }),
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
