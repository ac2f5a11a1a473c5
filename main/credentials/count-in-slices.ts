import type { Kysely } from 'kysely';
import type { CredentialsTables } from './credential-tables';

/** Ids per slice: a slice of a broad search counts in tens of milliseconds at 1,000,000 credentials. */
export const COUNT_SLICE_IDS = 25_000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A count over credential ids, one slice of ids at a time, giving the event loop a turn between
 * slices. main has one thread and the database answers synchronously: counting a search that
 * matches most of 1,000,000 credentials in one statement held it for over 2 s, and the next
 * keystroke's page waited. Sliced, other requests run between slices. Inside a transaction it is
 * one statement (a turn there would let other requests run inside it). Writes landing between
 * slices are counted as they fall; callers that act on a count re-check it when they act.
 */
export async function countInSlices(
  db: Kysely<CredentialsTables>,
  countSlice: (firstId: number, lastId: number) => Promise<number>,
  sliceIds = COUNT_SLICE_IDS,
): Promise<number> {
  const top = Number((await db.selectFrom('credentials').select((eb) => eb.fn.max('id').as('top')).executeTakeFirst())?.top ?? 0);
  if (db.isTransaction) return countSlice(1, top);
  let total = 0;
  for (let first = 1; first <= top; first += sliceIds) {
    total += await countSlice(first, Math.min(top, first + sliceIds - 1));
    if (first + sliceIds <= top) await nextTurn();
  }
  return total;
}
