import type { z } from 'zod';
import { bulkChangedEventSchema } from './bulk-channels';
import { coreStatusSchema } from './core-status';
import { operationChangedEventSchema } from './operation-channels';
import { sessionEndedEventSchema, vaultLockedEventSchema } from './session';

/** Messages main pushes to the renderer. Each has a schema that main checks before sending. */
export const events = {
  'core.statusChanged': coreStatusSchema,
  /** The vault closed and its keys are gone: every window forgets what it shows. */
  'vault.locked': vaultLockedEventSchema,
  /** A session ended (lock, idle, sign-out) while others may go on: each page checks whether it was its own. */
  'session.ended': sessionEndedEventSchema,
  /** An operation was created, changed state or ended an attempt: lists refresh, Error/Unverified alert. */
  'operation.changed': operationChangedEventSchema,
  /** A bulk request was created, decided, canceled or expired: the Approvals badge and report refresh. */
  'bulk.changed': bulkChangedEventSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const EVENT_NAMES = Object.freeze(Object.keys(events)) as readonly EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
