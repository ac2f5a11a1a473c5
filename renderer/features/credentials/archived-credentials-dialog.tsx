import { useCallback, useEffect, useState } from 'react';
import type { CredentialGridRow } from '../../../shared/domain/credential-grid-query';
import { api } from '../../api/api';
import { RecordActions } from '../records/record-actions';
import { Dialog } from '../shared-ui/dialog';

interface ArchivedCredentialsDialogProps {
  readonly onClose: () => void;
  /** After a restore or delete, so the grid behind can refresh. */
  readonly onChanged: (message: string) => void;
}

/** The archived credentials (credential.query with archived: 'archived'), to find and restore them. */
export function ArchivedCredentialsDialog({ onClose, onChanged }: ArchivedCredentialsDialogProps) {
  const [rows, setRows] = useState<readonly CredentialGridRow[] | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);

  const load = useCallback(async () => {
    const result = await api().call('credential.query', { archived: 'archived', limit: 500 });
    if (result.ok) setRows(result.value.rows);
    else setMessage(`The archived credentials could not be loaded: ${result.error.message}`);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const done = (text: string) => {
    setMessage(text);
    onChanged(text);
    void load();
  };

  return (
    <Dialog title="Archived credentials" onClose={onClose} wide footer={<button type="button" className="secondary" onClick={onClose}>Close</button>}>
      {message && <p role="status">{message}</p>}
      {rows === undefined && <p className="muted">Loading archived credentials…</p>}
      {rows?.length === 0 && <p className="muted">No archived credentials. Archive one from its editor to hide it while keeping its history.</p>}
      {rows && rows.length > 0 && (
        <table aria-label="Archived credentials">
          <thead>
            <tr>
              <th scope="col">Identifier</th>
              <th scope="col">Username</th>
              <th scope="col">Device</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.identifier}</th>
                <td>{r.username}</td>
                <td>
                  {r.hostname} ({r.ip})
                </td>
                <td>
                  <RecordActions kind="credential" id={r.id} name={r.identifier} archived onDone={done} onError={setMessage} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
