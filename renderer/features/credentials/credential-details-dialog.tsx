import { useEffect, useState } from 'react';
import type { CredentialView } from '../../../shared/domain/credential-view';
import { api } from '../../api/api';
import { useCan } from '../../stores/session-store';
import { CredentialOperationsHistory } from '../operations/credential-operations-history';
import { REQUEST_HINT, REQUEST_LABEL, requestForCredential, type RequestNotice } from '../operations/request-operation';
import { Dialog } from '../shared-ui/dialog';
import { PasswordHistorySection } from './password-history-section';
import { SecretPanel } from './secret-panel';

interface CredentialDetailsDialogProps {
  readonly id: number;
  readonly title: string;
  readonly revealOnOpen: boolean;
  readonly onEdit: (id: number) => void;
  /** PassMan's Reset credential, for those who may write credentials. */
  readonly onReset?: (credential: CredentialView) => void;
  readonly onClose: () => void;
}

const NOUN = { password: 'password', ssh_key: 'private key', pin: 'PIN' } as const;

/** One credential's fields (never its secrets), with Reveal / Copy for those who may, and Edit. */
export function CredentialDetailsDialog({ id, title, revealOnOpen, onEdit, onReset, onClose }: CredentialDetailsDialogProps) {
  const [credential, setCredential] = useState<CredentialView | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const canReveal = useCan('credential.reveal');
  const canWrite = useCan('credential.write');
  const canRequest = useCan('operation.request');
  const [notice, setNotice] = useState<RequestNotice | undefined>(undefined);
  // Bumped after a restore from the password history, so InSync and the secret shown are fresh.
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    let current = true;
    void api()
      .call('credential.get', { ref: id })
      .then((result) => {
        if (!current) return;
        if (result.ok) setCredential(result.value);
        else setError(`The credential could not be loaded: ${result.error.message}`);
      });
    return () => {
      current = false;
    };
  }, [id, loads]);

  const footer = (
    <>
      {canRequest &&
        credential &&
        (['verify', 'reconcile'] as const).map((kind) => (
          <button key={kind} type="button" className="secondary" title={REQUEST_HINT[kind]} onClick={() => void requestForCredential(kind, credential.id, credential.identifier).then(setNotice)}>
            {REQUEST_LABEL[kind]}
          </button>
        ))}
      {canWrite && credential && onReset && (
        <button type="button" className="secondary" onClick={() => onReset(credential)}>
          Reset credential
        </button>
      )}
      {canWrite && credential && (
        <button type="button" className="secondary" onClick={() => onEdit(id)}>
          Edit
        </button>
      )}
      <button type="button" className="primary" onClick={onClose}>
        Done
      </button>
    </>
  );

  return (
    <Dialog title={title} onClose={onClose} footer={footer} wide>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {notice && (
        <p role={notice.failed ? 'alert' : 'status'} className={notice.failed ? 'form-error' : 'form-notice'}>
          {notice.text}
        </p>
      )}
      {!credential && !error && <p className="muted">Loading…</p>}
      {credential && (
        <>
          <dl className="details-list">
            <Detail term="Identifier" value={credential.identifier} />
            <Detail term="Kind" value={credential.kind} />
            <Detail term="Username" value={credential.username} />
            <Detail term="Device" value={`${credential.hostname} (${credential.ip})`} />
            <Detail term="Type" value={credential.credential_type} />
            <Detail term="Domain" value={credential.domain} />
            <Detail term="Tags" value={credential.tags.join(', ')} />
            <Detail term="Status" value={credential.status} />
            <Detail term="InSync" value={credential.in_sync} />
            <Detail term="Criticality" value={credential.additional_settings.criticality} />
            <Detail term="Notes" value={credential.notes} />
          </dl>
          {canReveal && credential.has_content && (
            <section aria-label={`Secret: ${NOUN[credential.kind]}`}>
              <h3>{NOUN[credential.kind][0]?.toUpperCase() + NOUN[credential.kind].slice(1)}</h3>
              <SecretPanel key={loads} credentialId={id} field="content" noun={NOUN[credential.kind]} revealLabel="Reveal" copyLabel="Copy password" revealOnOpen={revealOnOpen} />
            </section>
          )}
          {canReveal && credential.additional_settings.has_secret_key && (
            <section aria-label="TOTP secret">
              <h3>TOTP secret</h3>
              <SecretPanel credentialId={id} field="totp_secret" noun="TOTP secret" revealLabel="Reveal TOTP secret" copyLabel="Copy TOTP secret" />
            </section>
          )}
          {!credential.has_content && <p className="muted">No secret is stored for this credential yet: Edit it to set one.</p>}
          <PasswordHistorySection
            credentialId={id}
            noun={NOUN[credential.kind]}
            inSync={credential.in_sync === 'InSync'}
            onRestored={(text) => {
              setNotice({ text, failed: false });
              setLoads((n) => n + 1);
            }}
          />
          <CredentialOperationsHistory credentialId={id} />
        </>
      )}
    </Dialog>
  );
}

function Detail({ term, value }: { readonly term: string; readonly value: string | null }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value === null || value === '' ? '—' : value}</dd>
    </>
  );
}
