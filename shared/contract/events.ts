import type { z } from 'zod';
import type { Requirement } from '../roles';
import { bulkChangedEventSchema } from './bulk-channels';
import { coreStatusSchema } from './core-status';
import { operationChangedEventSchema } from './operation-channels';
import { sessionEndedEventSchema, vaultLockedEventSchema } from './session';
import { importProgressEventSchema } from './transfer-channels';
import { vaultChangedEventSchema } from './vault-changed-event';

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
  /** Vault data changed (one per audited write): each list showing one of these kinds refetches. */
  'vault.changed': vaultChangedEventSchema,
  /** A large import's progress (parse, preview, commit), several times a second; counts only. */
  'import.progress': importProgressEventSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/**
 * Who may receive each event, like a channel's requirement: the shells send an event only to
 * windows and sockets whose session meets it ('vault.changed' is further trimmed per kind, see
 * DATA_KIND_READ). Lock and status events are public: a page must hear them to clear itself.
 */
export const EVENT_AUDIENCE: Readonly<Record<EventName, Requirement>> = {
  'core.statusChanged': 'public',
  'vault.locked': 'public',
  'session.ended': 'public',
  'operation.changed': 'operation.read',
  'bulk.changed': 'bulk.read',
  'vault.changed': 'session',
  'import.progress': 'credential.write',
};

export const EVENT_NAMES = Object.freeze(Object.keys(events)) as readonly EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
