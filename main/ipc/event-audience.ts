import { EVENT_AUDIENCE, type EventName, type EventPayload } from '../../shared/contract/events';
import { DATA_KIND_READ } from '../../shared/domain/data-kinds';
import { requirementRefusal } from './permission-check';
import type { Session } from './session';

/**
 * The event as one recipient may see it, or undefined when it is not theirs to hear. Checked with
 * the same rule as channels (`requirementRefusal`): a window signed in as an approver never learns
 * that the audit trail moved, a locked page hears only lock and status events.
 */
export function eventForRecipient<E extends EventName>(name: E, payload: EventPayload<E>, session: Pick<Session, 'role'> | undefined): EventPayload<E> | undefined {
  if (requirementRefusal(EVENT_AUDIENCE[name], session)) return undefined;
  if (name !== 'vault.changed') return payload;
  const { kinds } = payload as EventPayload<'vault.changed'>;
  const readable = kinds.filter((kind) => requirementRefusal(DATA_KIND_READ[kind], session) === undefined);
  if (readable.length === 0) return undefined;
  return { kinds: readable } as EventPayload<E>;
}
