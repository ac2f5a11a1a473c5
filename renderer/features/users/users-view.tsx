import { useEffect, useState } from 'react';
import { ROLES, type Role } from '../../../shared/roles';
import { useCan, useSession } from '../../stores/session-store';
import { useUsers, type UserRow } from '../../stores/users-store';
import { Dialog } from '../shared-ui/dialog';
import { ListSection } from '../shared-ui/list-section';
import { AddUserDialog } from './add-user-dialog';
import { ROLE_LABELS, roleChangeEffect } from './role-labels';

type Pending = { readonly kind: 'remove'; readonly user: UserRow } | { readonly kind: 'role'; readonly user: UserRow; readonly role: Role };

/** Seed 001's Manage Approvers: the vault's users, their roles and states (administrators only). */
export function UsersView() {
  const canManage = useCan('user.manage');
  const me = useSession((state) => state.session?.username);
  const { users, error, rotating, load, setDisabled } = useUsers();
  const [adding, setAdding] = useState(false);
  const [pending, setPending] = useState<Pending | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (canManage) void load();
  }, [canManage, load]);

  if (!canManage) {
    return (
      <section aria-labelledby="users-title">
        <h1 id="users-title">Users</h1>
        <p>Only administrators manage users. Ask an administrator to add, change or remove a user.</p>
      </section>
    );
  }

  async function toggle(user: UserRow) {
    setFailure(await setDisabled(user.id, user.state === 'active'));
    setNotice(undefined);
  }

  return (
    <section className="users-view" aria-labelledby="users-title">
      <ListSection
        titleId="users-title"
        title="Users"
        action={
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add user
          </button>
        }
        error={error ?? failure}
        notice={rotating ? "Rotating the vault's keys: every secret is being re-sealed…" : notice}
        items={users}
        loadingText="Loading users…"
        emptyText="No users."
        headers={['Username', 'Role', 'State', 'Actions']}
        renderRow={(user) => {
          const self = user.username === me;
          const removed = user.state === 'removed';
          return (
            <tr key={user.id}>
              <th scope="row">{user.username}</th>
              <td>
                {removed || self ? (
                  ROLE_LABELS[user.role]
                ) : (
                  <select aria-label={`Role of ${user.username}`} value={user.role} disabled={rotating} onChange={(event) => setPending({ kind: 'role', user, role: event.target.value as Role })}>
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                )}
              </td>
              <td>{user.state === 'active' ? 'Active' : user.state === 'disabled' ? 'Disabled' : 'Removed'}</td>
              <td>
                {!removed && !self && (
                  <>
                    <button type="button" className="link-button" disabled={rotating} onClick={() => void toggle(user)}>
                      {user.state === 'active' ? `Disable` : `Enable`}
                      <span className="visually-hidden">{` ${user.username}`}</span>
                    </button>{' '}
                    <button type="button" className="link-button" disabled={rotating} onClick={() => setPending({ kind: 'remove', user })}>
                      Remove<span className="visually-hidden">{` ${user.username}`}</span>
                    </button>
                  </>
                )}
              </td>
            </tr>
          );
        }}
      />
      {adding && (
        <AddUserDialog
          onClose={() => setAdding(false)}
          onAdded={(username) => {
            setAdding(false);
            setNotice(`${username} was added.`);
          }}
        />
      )}
      {pending && <ConfirmChange pending={pending} onDone={(message) => { setPending(undefined); if (message !== undefined) setNotice(message); }} onFailed={setFailure} />}
    </section>
  );
}

function ConfirmChange({ pending, onDone, onFailed }: { readonly pending: Pending; readonly onDone: (notice: string | undefined) => void; readonly onFailed: (message: string | undefined) => void }) {
  const { remove, setRole, rotating } = useUsers();
  const { user } = pending;
  const effect = pending.kind === 'remove' ? undefined : roleChangeEffect(user.role, pending.role);
  const rotates = pending.kind === 'remove' || (effect?.startsWith("The vault's keys") ?? false);

  async function confirm() {
    const failure = pending.kind === 'remove' ? await remove(user.id) : await setRole(user.id, pending.role, rotates);
    onFailed(failure);
    onDone(failure ? undefined : pending.kind === 'remove' ? `${user.username} was removed and the vault's keys rotated.` : `${user.username} is now ${ROLE_LABELS[pending.role]}.`);
  }

  return (
    <Dialog
      title={pending.kind === 'remove' ? `Remove ${user.username}?` : `Make ${user.username} ${ROLE_LABELS[pending.role]}?`}
      onClose={() => onDone(undefined)}
      footer={
        <>
          <button type="button" disabled={rotating} onClick={() => onDone(undefined)}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={rotating} onClick={() => void confirm()}>
            {rotating ? 'Rotating keys…' : pending.kind === 'remove' ? 'Remove and rotate keys' : 'Change role'}
          </button>
        </>
      }
    >
      {pending.kind === 'remove' ? (
        <p>
          {user.username} will no longer be able to sign in; their name stays in the audit trail. The vault&apos;s keys will rotate: every secret is re-sealed, the other users keep their
          passphrases, and any copy of the key file {user.username} may have kept stops working.
        </p>
      ) : (
        <p>{effect ?? 'Their open sessions end so the new role applies at once.'}</p>
      )}
    </Dialog>
  );
}
