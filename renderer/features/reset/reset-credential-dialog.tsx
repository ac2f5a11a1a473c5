import { useEffect, useRef, useState } from 'react';
import { RESET_KEY_TYPES, type ResetResult } from '../../../shared/contract/reset-channels';
import type { ChannelRequest } from '../../../shared/contract/channels';
import type { CredentialKind, InSyncState } from '../../../shared/domain/credential-kind';
import { api } from '../../api/api';
import { SecretInput } from '../credentials/secret-input';
import { Dialog } from '../shared-ui/dialog';
import { CheckboxField, SelectField } from '../shared-ui/field';
import { FollowedOperation } from './followed-operation';

/** What the dialog needs of the credential: a grid row or a full view both fit. */
export interface ResetTarget {
  readonly id: number;
  readonly identifier: string;
  readonly kind: CredentialKind;
  readonly username: string;
  readonly hostname: string;
  readonly in_sync: InSyncState;
}

type KeyType = (typeof RESET_KEY_TYPES)[number];
type ResetRequest = ChannelRequest<'credential.reset'>;

const KIND_OPTIONS: readonly { readonly value: CredentialKind; readonly label: string }[] = [
  { value: 'password', label: 'Password' },
  { value: 'ssh_key', label: 'SSH key' },
  { value: 'pin', label: 'PIN' },
];
const KEY_TYPE_OPTIONS = RESET_KEY_TYPES.map((value) => ({ value, label: value === 'ssh-dss' ? 'ssh-dss (DSA, not supported)' : value }));
const DSA_EXPLANATION = 'OpenSSH removed DSA support: a ssh-dss key would lock the account out, so pamdesk does not set one. Choose ssh-ed25519, ecdsa-sha2-nistp256 or ssh-rsa.';

/** The account as the title names it (PassMan's "Reset credential for (account_name)"). */
export function accountName(target: Pick<ResetTarget, 'username' | 'hostname'>): string {
  return `${target.username}@${target.hostname}`;
}

/**
 * PassMan's Reset credential: a typed or generated secret, set on the target (through the runner,
 * followed here to its end) or only in the vault (which loses InSync, after a warning, and
 * schedules a verify, followed too). The typed secret lives only in this component's state and is
 * cleared as soon as it is sent; a generated secret never comes back to the renderer.
 */
export function ResetCredentialDialog({ target, onClose }: { readonly target: ResetTarget; readonly onClose: () => void }) {
  const [kind, setKind] = useState<CredentialKind>(target.kind);
  const [keyType, setKeyType] = useState<KeyType>('ssh-ed25519');
  const [secret, setSecret] = useState('');
  const [changeOnTarget, setChangeOnTarget] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [inSyncWarning, setInSyncWarning] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<ResetResult | undefined>(undefined);
  // The request waiting for the InSync confirmation: a ref, not state, so the secret in it is never
  // rendered and is dropped as soon as the operator decides.
  const awaitingConfirm = useRef<ResetRequest | undefined>(undefined);

  useEffect(
    () => () => {
      awaitingConfirm.current = undefined;
    },
    [],
  );

  const dsa = kind === 'ssh_key' && keyType === 'ssh-dss';
  const noun = kind === 'ssh_key' ? 'private key' : kind === 'pin' ? 'PIN' : 'password';

  async function send(request: ResetRequest) {
    setBusy(true);
    setError(undefined);
    const answer = await api().call('credential.reset', request);
    setBusy(false);
    if (answer.ok) {
      awaitingConfirm.current = undefined;
      setResult(answer.value);
      return;
    }
    const details = answer.error.details as { needsInSyncConfirmation?: boolean } | undefined;
    if (answer.error.code === 'CONFLICT' && details?.needsInSyncConfirmation) {
      awaitingConfirm.current = { ...request, acceptInSyncLoss: true };
      setInSyncWarning(answer.error.message);
      return;
    }
    awaitingConfirm.current = undefined;
    setError(`${answer.error.message}${request.secret !== undefined ? ` The typed ${noun} was cleared: type it again to retry.` : ''}`);
  }

  function submit(generate: boolean) {
    if (dsa) return;
    if (!generate && secret === '') {
      setError(`Type the new ${noun}, or use Generate and Save.`);
      return;
    }
    const request: ResetRequest = { id: target.id, kind, changeOnTarget, ...(kind === 'ssh_key' ? { keyType } : {}), ...(generate ? {} : { secret }) };
    // Out of component state at once: only the request in flight (or awaiting confirmation) holds it.
    setSecret('');
    void send(request);
  }

  function cancelConfirm() {
    awaitingConfirm.current = undefined;
    setInSyncWarning(undefined);
    setError(`Nothing was changed: ${target.identifier} keeps its InSync status.`);
  }

  function confirm() {
    const request = awaitingConfirm.current;
    setInSyncWarning(undefined);
    if (request) void send(request);
  }

  const footer = result ? (
    <button type="button" className="primary" onClick={onClose}>
      Done
    </button>
  ) : inSyncWarning ? (
    <>
      <button type="button" className="secondary" onClick={cancelConfirm} disabled={busy}>
        Keep InSync
      </button>
      <button type="button" className="danger" onClick={confirm} disabled={busy}>
        Change the vault only
      </button>
    </>
  ) : (
    <>
      <button type="button" className="secondary" onClick={onClose}>
        Cancel
      </button>
      <button type="button" className="secondary" disabled={busy || dsa} onClick={() => submit(true)}>
        Generate and Save
      </button>
      <button type="button" className="primary" disabled={busy || dsa} onClick={() => submit(false)}>
        Save
      </button>
    </>
  );

  return (
    <Dialog title={`Reset credential for ${accountName(target)}`} onClose={onClose} footer={footer}>
      {result ? (
        <ResetOutcome result={result} target={target} />
      ) : inSyncWarning ? (
        <div className="host-key-changed" role="alert" data-testid="insync-warning">
          <p>
            <strong>Attention</strong>: {inSyncWarning}
          </p>
          <p>Keep InSync leaves everything as it is. Change the vault only saves the new secret without touching the target; a verify runs right after to find out whether the target accepts it.</p>
        </div>
      ) : (
        <form aria-label="Reset credential" onSubmit={(e) => e.preventDefault()}>
          <p className="muted">
            {target.identifier} · now {target.in_sync === 'unknown' ? 'not yet verified' : target.in_sync}
          </p>
          <SelectField<CredentialKind> label="Credential type" value={kind} options={KIND_OPTIONS} onChange={setKind} />
          {kind === 'ssh_key' && (
            <SelectField<KeyType> label="Key type" value={keyType} options={KEY_TYPE_OPTIONS} onChange={setKeyType} error={dsa ? DSA_EXPLANATION : undefined} hint="For Generate and Save; a pasted key keeps its own type." />
          )}
          <SecretInput
            label="New password"
            toggleNoun="password"
            value={secret}
            onChange={setSecret}
            multiline={kind === 'ssh_key'}
            hint={kind === 'ssh_key' ? 'Paste the private key (OpenSSH or PEM, not encrypted). Leave empty to Generate and Save.' : 'Leave empty to Generate and Save, which uses the password policy.'}
          />
          <CheckboxField label="Change on target" checked={changeOnTarget} onChange={setChangeOnTarget} />
          <p className="muted field-hint">
            {changeOnTarget ? 'The new secret is set on the device through the runner, then saved.' : 'Only the vault changes: use this when the target already has this secret (e.g. a NotInSync credential whose real secret you know).'}
          </p>
          {busy && <p role="status">Sending…</p>}
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

function ResetOutcome({ result, target }: { readonly result: ResetResult; readonly target: ResetTarget }) {
  if (result.mode === 'target') return <FollowedOperation code={result.operationCode} credentialId={target.id} what="The change on the target" />;
  return (
    <div>
      <p role="status">The new secret is saved in the vault only; the target was not changed.</p>
      {result.verifyOperationCode ? (
        <FollowedOperation code={result.verifyOperationCode} credentialId={target.id} what="A verify was scheduled to check it against the target" />
      ) : (
        <p className="muted">No verify was scheduled: run one from the credential's operations to learn whether the target accepts it.</p>
      )}
    </div>
  );
}
