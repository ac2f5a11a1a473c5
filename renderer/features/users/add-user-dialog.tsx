import { useState } from 'react';
import { ROLES, type Role } from '../../../shared/roles';
import { useUsers } from '../../stores/users-store';
import { Dialog } from '../shared-ui/dialog';
import { SelectField, TextField } from '../shared-ui/field';
import { ROLE_LABELS } from './role-labels';

/** Username, role and the new user's passphrase twice (they type it, or say it to the administrator). */
export function AddUserDialog({ onClose, onAdded }: { readonly onClose: () => void; readonly onAdded: (username: string) => void }) {
  const add = useUsers((state) => state.add);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const mismatch = repeat !== '' && repeat !== passphrase ? 'The two passphrases differ: type the same passphrase twice.' : undefined;

  async function submit() {
    if (username.trim() === '') return setError('Enter a username.');
    if (passphrase === '' || passphrase !== repeat) return setError('Type the new passphrase twice, the same both times.');
    setBusy(true);
    const failure = await add(username.trim(), role, passphrase);
    setBusy(false);
    if (failure) setError(failure);
    else onAdded(username.trim());
  }

  return (
    <Dialog
      title="Add user"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
            {busy ? 'Adding…' : 'Add user'}
          </button>
        </>
      }
    >
      <TextField label="Username" value={username} onChange={setUsername} autoFocus />
      <SelectField label="Role" value={role} options={ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }))} onChange={setRole} />
      <TextField label="Passphrase" type="password" value={passphrase} onChange={setPassphrase} />
      <TextField label="Passphrase again" type="password" value={repeat} onChange={setRepeat} error={mismatch} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
