import { useState, type FormEvent } from 'react';
import { newPassphraseSchema } from '../../../shared/contract/session';
import { api } from '../../api/api';
import { useSession } from '../../stores/session-store';
import { Dialog } from '../shared-ui/dialog';
import { TextField } from '../shared-ui/field';

/** The new passphrase's problem in the words of the contract's rule, or undefined when it passes. */
function strengthProblem(next: string): string | undefined {
  if (next === '') return undefined;
  const parsed = newPassphraseSchema.safeParse(next);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

/**
 * The signed-in user changes their own passphrase (their key slot is re-sealed; their audit-signing
 * key goes with it). What was typed stays after an error, until the dialog closes.
 */
export function ChangePassphraseDialog({ onClose }: { readonly onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const remembered = useSession((s) => s.session?.rememberedOnDevice ?? false);
  const refreshSession = useSession((s) => s.refresh);

  const weak = strengthProblem(next);
  const differs = repeat !== '' && repeat !== next ? 'The two new passphrases differ. Type the same new passphrase twice.' : undefined;
  const ready = current !== '' && next !== '' && repeat === next && weak === undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    const result = await api().call('session.changePassphrase', { current, next });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.code === 'WRONG_PASSPHRASE' ? `Your current passphrase was not accepted: ${result.error.message}` : `The passphrase was not changed: ${result.error.message}`);
      return;
    }
    setCurrent('');
    setNext('');
    setRepeat('');
    setDone(
      `Your passphrase is changed: use the new one the next time you unlock.${remembered ? ' This device no longer remembers you; tick "Remember on this device" at your next unlock to remember the new one.' : ''}`,
    );
    await refreshSession();
  }

  const footer = done ? (
    <button type="button" className="primary" onClick={onClose}>
      Done
    </button>
  ) : (
    <>
      <button type="button" className="secondary" onClick={onClose}>
        Cancel
      </button>
      <button type="submit" form="change-passphrase-form" className="primary" disabled={!ready || busy}>
        Change passphrase
      </button>
    </>
  );

  return (
    <Dialog title="Change your passphrase" onClose={onClose} footer={footer}>
      {done ? (
        <p role="status" className="form-notice">
          {done}
        </p>
      ) : (
        <form id="change-passphrase-form" onSubmit={(e) => void submit(e)} aria-label="Change passphrase">
          <TextField label="Current passphrase" type="password" value={current} onChange={setCurrent} autoFocus />
          <TextField label="New passphrase" type="password" value={next} onChange={setNext} error={weak} hint="At least 12 characters; a few unrelated words work well." />
          <TextField label="New passphrase again" type="password" value={repeat} onChange={setRepeat} error={differs} />
          {error && (
            <p role="alert" className="form-error">
              {error}
            </p>
          )}
        </form>
      )}
    </Dialog>
  );
}
