import { useState, type FormEvent } from 'react';
import { DOMAIN_NAME_PATTERN } from '../../../shared/domain/device-domain-list';
import { api } from '../../api/api';
import { Dialog } from '../shared-ui/dialog';
import { TextField } from '../shared-ui/field';

export function RegisterDomainDialog({ onClose, onRegistered }: { readonly onClose: () => void; readonly onRegistered: (name: string) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!DOMAIN_NAME_PATTERN.test(trimmed)) {
      setError('A domain name has no spaces or commas, e.g. testlab.com. Correct the name.');
      return;
    }
    setBusy(true);
    const result = await api().call('domain.add', description.trim() ? { name: trimmed, description: description.trim() } : { name: trimmed });
    setBusy(false);
    if (result.ok) onRegistered(result.value.name);
    else setError(`The domain was not registered: ${result.error.message}`);
  }

  return (
    <Dialog
      title="Register domain"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="register-domain-form" className="primary" disabled={busy}>
            {busy ? 'Registering…' : 'Register'}
          </button>
        </>
      }
    >
      <form id="register-domain-form" aria-label="Register domain" onSubmit={(e) => void submit(e)} noValidate>
        <TextField label="Domain name" value={name} onChange={setName} error={error} hint="e.g. testlab.com" autoFocus />
        <TextField label="Description" value={description} onChange={setDescription} />
      </form>
    </Dialog>
  );
}
