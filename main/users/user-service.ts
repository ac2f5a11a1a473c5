import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { UserState } from '../../shared/contract/user-channels';
import { AppFailure } from '../../shared/errors';
import { roleHoldsSecrets, type Role } from '../../shared/roles';
import { appendAudit } from '../audit/append-audit';
import type { Session } from '../ipc/session';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { VaultSessions } from '../session/vault-sessions';
import { isRotationBlockedByAnotherProcess, translatingVaultErrors } from '../session/vault-errors';


export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly state: UserState;
  readonly createdAt: string;
}

interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly role: string;
  readonly disabled: number;
  readonly created_at: string;
  readonly removed_at: string | null;
}

function toView(row: UserRow): UserView {
  const state: UserState = row.removed_at !== null ? 'removed' : row.disabled !== 0 ? 'disabled' : 'active';
  return { id: row.id, username: row.username, role: row.role as Role, state, createdAt: row.created_at };
}

export async function listUsers(sessions: VaultSessions): Promise<UserView[]> {
  const rows = await sessions.vault().database.db.selectFrom('users').select(['id', 'username', 'role', 'disabled', 'created_at', 'removed_at']).orderBy('username').execute();
  return rows.map(toView);
}

/**
 * Adds a vault user: their own key slot (wrapped with their passphrase, holding the secrets key only
 * if their role may reveal or run changes) and their row, audited in the row's transaction. The slot
 * is written first: a user row without a slot could never sign in, a slot without a row is refused
 * at sign-in and can be re-added.
 */
export async function addUser(sessions: VaultSessions, actor: Session, username: string, role: Role, passphrase: string): Promise<UserView> {
  const vault = sessions.vault();
  const existing = await vault.database.db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  if (existing) throw new AppFailure('CONFLICT', `A user named "${username}" already exists (perhaps removed: their name stays in the audit trail). Choose another username.`);
  await translatingVaultErrors(() => vault.keys.addSlot(username, passphrase, roleHoldsSecrets(role)));
  // created_by: an approval never counts from a user the requester added (issue 11).
  const user = { id: randomUUID(), username, role, created_at: new Date().toISOString(), disabled: 0, removed_at: null, created_by: actor.userId };
  await vault.database.db.transaction().execute(async (trx) => {
    await trx.insertInto('users').values(user).execute();
    await appendAudit(trx, { actor: actor.username, shell: sessions.shell, action: 'user.create', objectType: 'user', objectId: user.id, details: { after: { username, role } } });
  });
  return toView(user);
}

/**
 * Changes a user's role. Promotion to a role that holds secrets gives their slot the secrets key
 * (sealed to its public key: no passphrase needed); demotion from one rotates the keys, since they
 * may have kept the old secrets key. Their open sessions end, so the new role applies at once.
 */
export async function setUserRole(sessions: VaultSessions, actor: Session, userId: string, role: Role): Promise<UserView> {
  const before = await memberOrFail(sessions, userId);
  if (before.role === role) return toView(before);
  const demotedFromAdministrator = before.role === 'administrator';
  await refuseAgainstSelfOrLastAdministrator(sessions, actor, before, demotedFromAdministrator, 'change the role of');
  const vault = sessions.vault();
  await vault.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ role }).where('id', '=', userId).execute();
    await appendAudit(trx, { actor: actor.username, shell: sessions.shell, action: 'user.role_change', objectType: 'user', objectId: userId, details: { before: { role: before.role }, after: { role } } });
  });
  await sessions.endSessionsOf(userId);
  const gains = !roleHoldsSecrets(before.role as Role) && roleHoldsSecrets(role);
  const loses = roleHoldsSecrets(before.role as Role) && !roleHoldsSecrets(role);
  if (gains) await translatingVaultErrors(() => sessions.vault().keys.setSlotSecrets(before.username, true));
  if (loses) {
    await sessions.rotateKeys(actor, `${before.username} no longer holds a role that may decrypt secrets`).catch((error: unknown) => {
      if (!isRotationBlockedByAnotherProcess(error)) throw error;
      throw new AppFailure('CONFLICT', `${before.username} is now ${role}, but the secrets key they could use is not replaced yet: ${error.message}`, error.details);
    });
  }
  return toView({ ...before, role });
}

/** Disables or enables a user. A disabled user cannot sign in and their open sessions end at once; their slot stays. */
export async function setUserDisabled(sessions: VaultSessions, actor: Session, userId: string, disabled: boolean): Promise<UserView> {
  const before = await memberOrFail(sessions, userId);
  if ((before.disabled !== 0) === disabled) return toView(before);
  if (disabled) await refuseAgainstSelfOrLastAdministrator(sessions, actor, before, before.role === 'administrator', 'disable');
  await sessions.vault().database.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', userId).execute();
    await appendAudit(trx, { actor: actor.username, shell: sessions.shell, action: disabled ? 'user.disable' : 'user.enable', objectType: 'user', objectId: userId, details: { username: before.username } });
  });
  if (disabled) await sessions.endSessionsOf(userId);
  return toView({ ...before, disabled: disabled ? 1 : 0 });
}

/**
 * Removes a user: their row stays, marked removed (the audit trail keeps their name and their
 * signatures still verify), their sessions end, and the keys rotate without their slot, so a copy
 * of their old key file no longer opens the vault.
 */
export async function removeUser(sessions: VaultSessions, actor: Session, userId: string): Promise<UserView & { readonly generation: number }> {
  const before = await memberOrFail(sessions, userId);
  await refuseAgainstSelfOrLastAdministrator(sessions, actor, before, before.role === 'administrator' && before.disabled === 0, 'remove');
  const removedAt = new Date().toISOString();
  await sessions.vault().database.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ removed_at: removedAt, disabled: 1 }).where('id', '=', userId).execute();
    await appendAudit(trx, { actor: actor.username, shell: sessions.shell, action: 'user.remove', objectType: 'user', objectId: userId, details: { username: before.username, role: before.role } });
  });
  await sessions.endSessionsOf(userId);
  const rotation = await sessions.rotateKeys(actor, `${before.username} was removed`).catch((error: unknown) => {
    if (!isRotationBlockedByAnotherProcess(error)) throw error;
    throw new AppFailure(
      'CONFLICT',
      `${before.username} is removed and can no longer sign in, but the vault's keys are not replaced yet, so a copy of their old key file still opens it: ${error.message} (Signing in again as an administrator also finishes it.)`,
      error.details,
    );
  });
  return { ...toView({ ...before, disabled: 1, removed_at: removedAt }), generation: rotation.generation };
}

async function memberOrFail(sessions: VaultSessions, userId: string): Promise<UserRow> {
  const row = await sessions.vault().database.db.selectFrom('users').select(['id', 'username', 'role', 'disabled', 'created_at', 'removed_at']).where('id', '=', userId).executeTakeFirst();
  if (row === undefined) throw new AppFailure('NOT_FOUND', 'No such user: refresh the list of users and try again.');
  if (row.removed_at !== null) throw new AppFailure('CONFLICT', `${row.username} was removed; a removed user cannot be changed. Add a new user instead.`);
  return row;
}

/** An administrator cannot lock themselves out, nor leave the vault without an active administrator. */
async function refuseAgainstSelfOrLastAdministrator(sessions: VaultSessions, actor: Session, target: UserRow, losesAdministrator: boolean, verb: string): Promise<void> {
  if (target.id === actor.userId) {
    throw new AppFailure('FORBIDDEN', `You cannot ${verb} yourself: ask another administrator to do it.`);
  }
  if (!losesAdministrator) return;
  const others = await countActiveAdministrators(sessions.vault().database.db, target.id);
  if (others === 0) {
    throw new AppFailure('CONFLICT', `${target.username} is the last active administrator: make another user an administrator first.`);
  }
}

async function countActiveAdministrators(db: Kysely<VaultDatabase>, except: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'administrator')
    .where('disabled', '=', 0)
    .where('removed_at', 'is', null)
    .where('id', '!=', except)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** An administrator asks for new keys (`pamdesk vault rotate-keys`). */
export async function rotateKeysOnRequest(sessions: VaultSessions, actor: Session): Promise<{ readonly generation: number; readonly resealed: number }> {
  return sessions.rotateKeys(actor, 'asked for by an administrator');
}
