import { events, type EventName, type EventPayload } from '../../shared/contract/events';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

/** Main-to-renderer events. Payloads are checked against the contract before they leave main. */
export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      const checked = events[name].parse(payload) as EventPayload<typeof name>;
      for (const listener of listeners) listener(name, checked);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
