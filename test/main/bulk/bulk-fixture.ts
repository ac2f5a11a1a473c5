import type { Kysely } from 'kysely';
import { afterEach, expect } from 'vitest';
import { createCore, type Core } from '../../../main/core/create-core';
import type { Sender } from '../../../main/ipc/sender';
import { silentLogger } from '../../../main/logging/logger';
import { insertMany } from '../../../main/vault/database/insert-many';
import type { VaultDatabase } from '../../../main/vault/database/vault-schema';
import type { ChannelName, ChannelRequest, ChannelResponse } from '../../../shared/contract/channels';
import type { CredentialView } from '../../../shared/domain/credential-view';
import type { Role } from '../../../shared/roles';
import { useTempDirs } from '../../support/temp-dir';
import { absentKeyStore } from '../../support/test-core';

const PASSPHRASE = 'bulk test passphrase';

/** Each person signs in from their own window, as four desks would. */
export const PEOPLE = { admin: 1, olga: 2, ana: 3, audrey: 4, otto: 5 } as const;
export type Person = keyof typeof PEOPLE;
const ROLES_OF: Readonly<Record<Person, Role>> = { admin: 'administrator', olga: 'operator', ana: 'approver', audrey: 'auditor', otto: 'operator' };

const windowOf = (person: Person): Sender => ({ kind: 'electron', webContentsId: PEOPLE[person], frameUrl: 'app://pamdesk/' });

export interface BulkWorld {
  readonly core: Core;
  readonly dir: string;
  /** Calls as a person; throws on a refusal so a test reads as a script. */
  call<C extends ChannelName>(person: Person, channel: C, payload: ChannelRequest<C>): Promise<ChannelResponse<C>>;
  /** The raw Result, for asserting refusals. */
  invoke<C extends ChannelName>(person: Person, channel: C, payload: ChannelRequest<C>): ReturnType<Core['router']['handle']>;
  credential(person: Person, ref: number | string): Promise<CredentialView>;
  /** Creates a credential on srv01 (10.0.0.1) through the upsert, returning its id. */
  addCredential(body: Record<string, unknown>): Promise<number>;
  signInAgain(person: Person): Promise<void>;
  setClock(at: Date): void;
}

/** A real encrypted vault on disk, with an administrator, two operators, an approver and an auditor. */
export function useBulkWorld(): () => Promise<BulkWorld> {
  const tempDir = useTempDirs();
  const open: Core[] = [];
  afterEach(async () => {
    for (const core of open.splice(0)) await core.close();
  });
  return async () => {
    const dir = tempDir();
    let clock: Date | undefined;
    const core = createCore({
      dataDir: dir,
      shell: 'desktop',
      isTrustedSender: (sender) => sender.kind === 'electron' && Object.values(PEOPLE).includes(sender.webContentsId as 1),
      logger: silentLogger,
      keyStore: absentKeyStore,
      now: () => clock ?? new Date(),
    });
    open.push(core);
    const invoke = <C extends ChannelName>(person: Person, channel: C, payload: ChannelRequest<C>) => core.router.handle(windowOf(person), channel, payload);
    const call = async <C extends ChannelName>(person: Person, channel: C, payload: ChannelRequest<C>): Promise<ChannelResponse<C>> => {
      const result = await invoke(person, channel, payload);
      if (!result.ok) throw new Error(`${person} ${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as ChannelResponse<C>;
    };
    await call('admin', 'vault.create', { username: 'admin', passphrase: PASSPHRASE });
    for (const person of ['olga', 'ana', 'audrey', 'otto'] as const) {
      await call('admin', 'user.add', { username: person, role: ROLES_OF[person], passphrase: PASSPHRASE });
      await call(person, 'session.unlock', { username: person, passphrase: PASSPHRASE });
    }
    // The people joined long before any clock a test sets: an approval counts only from a user who
    // existed before the request (issue 11), and user.add stamps the wall clock.
    await core.sessions.vault().database.db.updateTable('users').set({ created_at: '2000-01-01T00:00:00.000Z' }).execute();
    await call('admin', 'domain.add', { name: 'corp.example' });
    await call('admin', 'device.upsert', { hostname: 'srv01', ip: '10.0.0.1' });
    await call('admin', 'device.upsert', { hostname: 'srv02', ip: '10.0.0.2' });
    return {
      core,
      dir,
      call,
      invoke,
      credential: (person, ref) => call(person, 'credential.get', { ref }),
      async addCredential(body) {
        const response = await call('admin', 'credential.upsert', { hostname: 'srv01', ip: '10.0.0.1', ...body });
        expect(response.code).toBe(201);
        return Number(response.credential?.id);
      },
      async signInAgain(person) {
        await call(person, 'session.signOut', {});
        await call(person, 'session.unlock', { username: person, passphrase: PASSPHRASE });
      },
      setClock(at) {
        clock = at;
      },
    };
  };
}

/** A view without what every write bumps, for before/after comparisons. */
export function comparable(view: CredentialView): Omit<CredentialView, 'version' | 'updated_at'> {
  const { version: _version, updated_at: _updated, ...rest } = view;
  return rest;
}

/** The view keys that differ between two views of one credential. */
export function changedKeys(before: CredentialView, after: CredentialView): string[] {
  const a = comparable(before) as Record<string, unknown>;
  const b = comparable(after) as Record<string, unknown>;
  return Object.keys(a).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

/** items[index], failing the test when it is not there (noUncheckedIndexedAccess without `!`). */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`No item at ${index} of ${items.length}.`);
  return item;
}

/**
 * Writes `count` active credentials tagged `tag` on srv01 straight into the vault, in one
 * transaction and multi-row inserts (the FTS triggers still run): the upsert per row would take
 * minutes at 100,000. Returns their ids in order.
 */
export async function seedMany(w: BulkWorld, count: number, tag: string): Promise<number[]> {
  const db = w.core.sessions.vault().database.db;
  const device = await db.selectFrom('devices').select('id').where('hostname', '=', 'srv01').executeTakeFirstOrThrow();
  return db.transaction().execute(async (trx: Kysely<VaultDatabase>) => {
    const first = Number((await trx.selectFrom('credentials').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0) + 1;
    const ids = Array.from({ length: count }, (_, i) => first + i);
    const stamp = '2026-01-01T00:00:00.000Z';
    await insertMany(trx, 'credentials', ids.map((id, i) => ({ id, identifier: `${tag}-${i}`, username: `${tag}-u${i}`, device_id: device.id, tags: tag, created_at: stamp, updated_at: stamp })));
    await insertMany(trx, 'credential_tags', ids.map((id) => ({ credential_id: id, tag })));
    return ids;
  });
}
