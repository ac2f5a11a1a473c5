import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { VaultDatabase } from './vault-schema';

/**
 * Writes that the works of a group hand over to be done once for the whole group, after the last
 * work and before the COMMIT: the audit entries of a wave of promotions are one append of the
 * chain (one head read and write, one multi-row insert) instead of one per promotion. A flush that
 * throws rolls the whole group back, so no work's change commits without what it deferred.
 */
export interface GroupBatch<E> {
  flush(trx: Transaction<VaultDatabase>, items: readonly E[]): Promise<unknown>;
}

/** What a work of the group can hand over to its batches (see GroupBatch). */
export interface GroupWork {
  /** Kept only if the work succeeds (its savepoint is released); flushed in the order deferred. */
  defer<E>(batch: GroupBatch<E>, item: E): void;
}

type Work = (trx: Transaction<VaultDatabase>, group: GroupWork) => Promise<unknown>;

interface Pending {
  readonly work: Work;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

export interface GroupCommit {
  /**
   * Runs `work` in a transaction shared with the other work asked for in the same turn of the event
   * loop, each in its own savepoint: a work that throws rolls back only its own writes and rejects
   * only its own promise. Resolves only after the shared COMMIT, so what the caller does next (touch
   * a target, report Success) happens after its writes are as durable as a transaction of its own
   * would have made them (the vault commits with synchronous = FULL). What is saved is the commit
   * per work: one fsync and one write of each shared page for the whole group.
   * Never call it from inside a transaction on the same database: it waits for the connection.
   */
  run<T>(work: (trx: Transaction<VaultDatabase>, group: GroupWork) => Promise<T>): Promise<T>;
}

/** A savepoint statement as text: three per work, so no query tree is built for them. */
const statement = (trx: Transaction<VaultDatabase>, text: string) => trx.executeQuery(CompiledQuery.raw(text));

const groups = new WeakMap<Kysely<VaultDatabase>, GroupCommit>();

/** The group commit of one vault database (one per database, so all its writers share it). */
export function groupCommitOf(db: Kysely<VaultDatabase>): GroupCommit {
  let group = groups.get(db);
  if (!group) {
    group = createGroupCommit(db);
    groups.set(db, group);
  }
  return group;
}

function createGroupCommit(db: Kysely<VaultDatabase>): GroupCommit {
  let queue: Pending[] = [];
  let scheduled = false;

  async function flush(): Promise<void> {
    scheduled = false;
    const batch = queue;
    queue = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        const batches = new Map<GroupBatch<unknown>, unknown[]>();
        for (const [index, pending] of batch.entries()) {
          const name = `group_commit_${index}`;
          const deferred: [GroupBatch<unknown>, unknown][] = [];
          let open = true;
          const group: GroupWork = {
            defer(to, item) {
              // Past its end the work's savepoint is gone: an item deferred then would not be its own.
              if (!open) throw new Error('A group-commit work deferred an item after it ended.');
              deferred.push([to as GroupBatch<unknown>, item]);
            },
          };
          await statement(trx, `savepoint ${name}`);
          try {
            const value = await pending.work(trx, group);
            open = false;
            await statement(trx, `release ${name}`);
            outcomes.push({ ok: true, value });
            for (const [to, item] of deferred) {
              const items = batches.get(to);
              if (items) items.push(item);
              else batches.set(to, [item]);
            }
          } catch (error) {
            open = false;
            outcomes.push({ ok: false, value: error });
            await statement(trx, `rollback to ${name}`);
            await statement(trx, `release ${name}`);
          }
        }
        for (const [to, items] of batches) await to.flush(trx, items);
      });
    } catch (error) {
      // The shared transaction itself failed (BEGIN or COMMIT): nothing of the group is written.
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const [index, pending] of batch.entries()) {
      const outcome = outcomes[index];
      if (outcome?.ok) pending.resolve(outcome.value);
      else pending.reject(outcome?.value);
    }
  }

  return {
    run<T>(work: (trx: Transaction<VaultDatabase>, group: GroupWork) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (scheduled) return;
        scheduled = true;
        // setImmediate: the other attempts of the same wave reach this point in this turn.
        setImmediate(() => void flush());
      });
    },
  };
}
