import { z } from 'zod';
import type { Requirement } from '../roles';

/**
 * One entry of the IPC contract: the request schema main validates every payload against (the
 * renderer is untrusted), the response's schema (for its type; main is the trusted side), and the
 * requirement main enforces before the handler runs.
 */
export interface ChannelSpec<Req extends z.ZodType, Res extends z.ZodType> {
  readonly request: Req;
  readonly response: Res;
  readonly requires: Requirement;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(spec: ChannelSpec<Req, Res>): ChannelSpec<Req, Res> {
  return spec;
}

export const noPayload = z.object({}).strict();
export const nothing = z.null();

/**
 * A response type without a runtime schema, for rich values main builds itself (a credential view,
 * a grid page): the type is the contract; validating main's own output would only cost time.
 */
export function typed<T>(): z.ZodType<T> {
  return z.custom<T>(() => true);
}
