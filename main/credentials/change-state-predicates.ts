import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * The dashboard's password-change states as SQL over `credentials as c`. The dashboard counts with
 * these and the credentials grid filters with them, so a figure and the list it opens always agree.
 */

/** Changed at or after `since` (ISO). */
export function changedSince(since: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(c.last_changed_at is not null and c.last_changed_at >= ${since})`;
}

/** Its own expiry date has passed, or its policy's next change time (kept by the runner) has. */
export function expiredAsOf(asOf: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`((c.expires_at is not null and c.expires_at <= ${asOf}) or (c.next_change_at is not null and c.next_change_at <= ${asOf}))`;
}

/** The operations that change a credential's secret, and the states that are their result. */
const CHANGE_OPERATION_TYPES = sql.raw(`'change_password', 'child_password_change', 'reconcile', 'ssh_key_rotation'`);
const FAILED_RESULTS = sql.raw(`'Error', 'Unverified'`);

/**
 * The most recent change operation that got a result (Success, Error or Unverified; canceled and
 * expired requests never ran) ended in Error or Unverified.
 */
export function lastChangeFailed(): RawBuilder<SqlBool> {
  return sql<SqlBool>`coalesce((select o.state from operations o
    where o.credential_id = c.id
      and o.type in (${CHANGE_OPERATION_TYPES})
      and o.state in ('Success', ${FAILED_RESULTS})
    order by o.id desc limit 1) in (${FAILED_RESULTS}), 0)`;
}

/**
 * lastChangeFailed, asked only of credentials that have a failed change at all (found from the
 * operations' state index): the same rows, without a subquery for every credential in the vault
 * (the dashboard's figure took 3.5 s at 1,000,000 credentials). For "failed", not for its negation.
 */
export function lastChangeFailedAmongFailures(): RawBuilder<SqlBool> {
  return sql<SqlBool>`(c.id in (select o.credential_id from operations o
    where o.state in (${FAILED_RESULTS}) and o.type in (${CHANGE_OPERATION_TYPES})) and ${lastChangeFailed()})`;
}
