import { DATA_KINDS, type DataKind } from '../../shared/domain/data-kinds';
import type { EventBus } from './event-bus';

/** Writes within this window become one event: an import or a bulk apply audits thousands of rows. */
const COALESCE_MS = 50;

export interface VaultChangeFeed {
  /** Notes that these kinds changed; one `vault.changed` follows shortly for everything noted. */
  changed(kinds: readonly DataKind[]): void;
  /** Sends what is noted now (before a lock, so nothing noted is lost). */
  flush(): void;
}

export function createVaultChangeFeed(events: EventBus, coalesceMs = COALESCE_MS): VaultChangeFeed {
  const pending = new Set<DataKind>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return;
    // In the declared order, so the payload does not depend on the order of the writes.
    const kinds = DATA_KINDS.filter((kind) => pending.has(kind));
    pending.clear();
    events.emit('vault.changed', { kinds });
  }
  return {
    changed(kinds) {
      for (const kind of kinds) pending.add(kind);
      timer ??= setTimeout(flush, coalesceMs);
    },
    flush,
  };
}
