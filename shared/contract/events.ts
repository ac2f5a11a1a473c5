import type { z } from 'zod';
import { coreStatusSchema } from './core-status';

/** Messages main pushes to the renderer. Each has a schema that main checks before sending. */
export const events = {
  'core.statusChanged': coreStatusSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const EVENT_NAMES = Object.freeze(Object.keys(events)) as readonly EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
