import { sql, type Kysely, type Transaction } from 'kysely';
import type { VaultDatabase } from './vault-schema';

type Work = (trx: Transaction<VaultDatabase>) => Promise<unknown>;

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
  run<T>(work: (trx: Transaction<VaultDatabase>) => Promise<T>): Promise<T>;
}

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
        for (const [index, pending] of batch.entries()) {
          const name = sql.raw(`group_commit_${index}`);
          await sql`savepoint ${name}`.execute(trx);
          try {
            outcomes.push({ ok: true, value: await pending.work(trx) });
            await sql`release ${name}`.execute(trx);
          } catch (error) {
            outcomes.push({ ok: false, value: error });
            await sql`rollback to ${name}`.execute(trx);
            await sql`release ${name}`.execute(trx);
          }
        }
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
    run<T>(work: (trx: Transaction<VaultDatabase>) => Promise<T>): Promise<T> {
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
