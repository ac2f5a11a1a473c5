import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppFailure } from '../../shared/errors';
import type { Role } from '../../shared/roles';
import type { Session } from '../ipc/session';
import type { VaultSessions } from '../session/vault-sessions';
import { translatingVaultErrors } from '../session/vault-errors';

export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export async function listUsers(sessions: VaultSessions): Promise<UserView[]> {
  const rows = await sessions.vault().database.db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map((row) => ({ id: row.id, username: row.username, role: row.role as Role, disabled: row.disabled !== 0, createdAt: row.created_at }));
}

/**
 * Adds a vault user: their own key slot (wrapped with their passphrase) and their row, audited.
 * The slot is written first: a user row without a slot could never sign in, a slot without a row
 * is refused at sign-in and can be re-added.
 */
export async function addUser(sessions: VaultSessions, actor: Session, username: string, role: Role, passphrase: string): Promise<UserView> {
  const vault = sessions.vault();
  const existing = await vault.database.db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  if (existing) throw new AppFailure('CONFLICT', `A user named "${username}" already exists. Choose another username.`);
  await translatingVaultErrors(() => vault.keys.addSlot(username, passphrase));
  // created_by: an approval never counts from a user the requester added (issue 11).
  const user = { id: randomUUID(), username, role, created_at: new Date().toISOString(), disabled: 0, created_by: actor.userId };
  await vault.database.db.insertInto('users').values(user).execute();
  await sessions.audit(actor, 'user.create', 'user', user.id, { after: { username, role } });
  return { id: user.id, username, role, disabled: false, createdAt: user.created_at };
}
