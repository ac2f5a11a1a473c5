import { maskSecrets } from '../../security/mask-secrets';
import type { ExecutorRunOptions } from '../device-executor';
import { DEFAULT_TIMEOUTS, type SshAuth, type SshFailure, type SshRunResult, type SshTarget, type SshTimeouts } from '../ssh/ssh-types';
import { TranscriptRecorder } from '../ssh/transcript-recorder';
import type { RenderedStatement } from './compile-sql-template';

export type RunSqlStatements = (target: SshTarget, auth: SshAuth, statements: readonly RenderedStatement[], secrets: readonly string[], options: ExecutorRunOptions) => Promise<SshRunResult>;

/** A logged-in database session. */
export interface SqlSession {
  /** What the server says it is (version), for the transcript. */
  readonly server: string;
  /** Runs one statement (one query, simple protocol); resolves to the server's summary ("ALTER ROLE", "0 rows"). */
  query(sql: string, timeoutMs: number): Promise<string>;
  close(): Promise<void>;
  /** Drops the connection at once (abort). */
  destroy(): void;
}

/** Why a connect or a statement failed, classified as the runner needs it. */
export interface SqlError {
  readonly kind: 'unreachable' | 'auth-failed' | 'timeout' | 'connection-closed' | 'refused';
  readonly message: string;
}

/** How one dialect's client library connects and reads its errors (pg, mysql2). */
export interface SqlClient {
  /** "PostgreSQL", "MySQL/MariaDB". */
  readonly name: string;
  connect(target: SshTarget, auth: { readonly username: string; readonly password: string }, connectTimeoutMs: number): Promise<SqlSession>;
  classify(error: unknown): SqlError;
}

/**
 * Runs rendered statements through one client, the same for every dialect: connect and log in as
 * `auth`, then each statement as its own query in order, stopping at the first the server refuses.
 * The transcript and every message are masked with the run's secrets (server errors can quote the
 * statement). Failure kinds are the runner's (ssh-types.ts): 'unreachable' and 'auth-failed' mean
 * nothing was sent; a refused statement is a target failure ('pattern-seen': the device said no),
 * after which the runner proves by fresh logins which secret works.
 */
export async function runSqlStatements(client: SqlClient, target: SshTarget, auth: { readonly username: string; readonly password: string }, statements: readonly RenderedStatement[], secrets: readonly string[], options: ExecutorRunOptions): Promise<SshRunResult> {
  const allSecrets = [...secrets, auth.password];
  const recorder = new TranscriptRecorder(allSecrets);
  const timeouts: SshTimeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const fail = (failure: SshFailure): SshRunResult => ({ ok: false, failure: { ...failure, message: maskSecrets(failure.message, allSecrets) }, transcript: recorder.masked() });
  if (options.signal?.aborted) return fail({ kind: 'aborted', message: 'The run was stopped before connecting.' });
  recorder.note(`connecting to ${client.name} at ${target.host}:${target.port} as ${auth.username}`);
  let session: SqlSession;
  try {
    session = await client.connect(target, auth, timeouts.connectTimeoutMs);
  } catch (error) {
    const classified = client.classify(error);
    if (classified.kind === 'auth-failed') return fail({ kind: 'auth-failed', message: `${client.name} at ${target.host}:${target.port} refused the login of ${auth.username}: ${classified.message}` });
    // Logged in, but the session could not be prepared (no database postgres, sql_mode refused): nothing of the template ran.
    if (classified.kind === 'refused') return fail({ kind: 'invalid-step', message: `${client.name} at ${target.host}:${target.port} accepted ${auth.username} but the session could not be prepared; nothing of the template ran: ${classified.message}` });
    return fail({ kind: 'unreachable', message: `Could not reach ${client.name} at ${target.host}:${target.port}: ${classified.message}` });
  }
  const onAbort = () => session.destroy();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    recorder.note(`logged in to ${session.server}`);
    for (const statement of statements) {
      if (options.signal?.aborted) return fail({ kind: 'aborted', line: statement.line, message: 'The run was stopped.' });
      recorder.step(statement.line, statement.sql);
      try {
        recorder.received(await session.query(statement.sql, timeouts.readTimeoutMs));
      } catch (error) {
        if (options.signal?.aborted) return fail({ kind: 'aborted', line: statement.line, message: 'The run was stopped while a statement ran: it may or may not have taken effect.' });
        const classified = client.classify(error);
        recorder.note(`failed: ${classified.message}`);
        const kind = classified.kind === 'timeout' ? 'timeout' : classified.kind === 'refused' || classified.kind === 'auth-failed' ? 'pattern-seen' : 'connection-closed';
        return fail({ kind, line: statement.line, message: `${client.name} did not complete the statement: ${classified.message}` });
      }
    }
    return { ok: true, transcript: recorder.masked() };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await session.close().catch(() => session.destroy());
  }
}
