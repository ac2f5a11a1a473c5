import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CredentialView } from '../../../shared/domain/credential-view';
import { api } from '../../api/api';
import { useDevices } from '../../stores/devices-store';
import { Dialog } from '../shared-ui/dialog';
import { Tabs } from '../shared-ui/tabs';
import { AdditionalTab } from './additional-tab';
import { emptyForm, formFromView, upsertBody, type CredentialForm, type ExecutionForm } from './credential-form';
import { errorsFromServer, validateLocally, type FieldKey, type FormErrors } from './credential-validation';
import { ExecutionTab } from './execution-tab';
import { credentialChanges, type FieldChange } from './change-preview';
import { ChangePreview } from './change-preview-panel';
import { RecordActions } from '../records/record-actions';
import { InformationTab } from './information-tab';

type TabId = 'information' | 'execution' | 'additional';

interface CredentialEditorProps {
  /** The credential to edit; absent for a new one. */
  readonly id?: number | undefined;
  readonly onSaved: (message: string) => void;
  readonly onClose: () => void;
}

const tabOf = (field: FieldKey): TabId => (field.startsWith('execution.') || field === 'parent_password' ? 'execution' : 'information');

/**
 * Creates or updates a credential through 'credential.upsert' with seed 004's body. Everything typed
 * stays in this component's state (secrets included) until it closes; an error from main is shown
 * next to its field and nothing typed is lost.
 */
export function CredentialEditor({ id: openedId, onSaved, onClose }: CredentialEditorProps) {
  // New credential can turn into editing the one it collided with ("Open that credential").
  const [id, setId] = useState<number | undefined>(openedId);
  const [collision, setCollision] = useState<{ readonly id: number; readonly identifier: string } | undefined>(undefined);
  const [preview, setPreview] = useState<readonly FieldChange[] | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [form, setForm] = useState<CredentialForm>(emptyForm);
  const [existing, setExisting] = useState<CredentialView | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [errors, setErrors] = useState<FormErrors | undefined>(undefined);
  const [tab, setTab] = useState<TabId>('information');
  const [busy, setBusy] = useState(false);
  const { devices, domains, loadDevices, loadDomains } = useDevices();

  useEffect(() => {
    void loadDevices();
    void loadDomains();
  }, [loadDevices, loadDomains]);

  useEffect(() => {
    if (id === undefined) return undefined;
    let current = true;
    void api()
      .call('credential.get', { ref: id })
      .then((result) => {
        if (!current) return;
        if (!result.ok) {
          setLoadError(`The credential could not be loaded: ${result.error.message}. Close and try again.`);
          return;
        }
        setExisting(result.value);
        setForm(formFromView(result.value));
      });
    return () => {
      current = false;
    };
  }, [id]);

  // Stable, so the tabs' effects that call them do not rerun on every keystroke.
  const update = useCallback(<K extends keyof CredentialForm>(key: K, value: CredentialForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
  }, []);
  const updateExecution = useCallback(<K extends keyof ExecutionForm>(key: K, value: ExecutionForm[K]) => {
    setForm((f) => ({ ...f, execution: { ...f.execution, [key]: value } }));
  }, []);

  function show(found: FormErrors) {
    setErrors(found);
    const first = Object.keys(found.fields)[0] as FieldKey | undefined;
    if (first) setTab(tabOf(first));
  }

  async function save(event: FormEvent | undefined, reviewed = false) {
    event?.preventDefault();
    const body = upsertBody(form, existing);
    const local = validateLocally(body, devices);
    if (local) {
      show(local);
      return;
    }
    // An edit that replaces values shows them (From -> To) before anything is written.
    if (existing !== undefined && !reviewed) {
      const changes = credentialChanges(existing, body);
      if (changes.length > 0) {
        setPreview(changes);
        return;
      }
    }
    setPreview(undefined);
    setBusy(true);
    setErrors(undefined);
    setCollision(undefined);
    // New credential never updates: main refuses an identifier or username that exists (9010, 9011).
    const result = await api().call(existing === undefined ? 'credential.create' : 'credential.upsert', body);
    setBusy(false);
    if (!result.ok) {
      const found = result.error.details?.['existing'];
      if (typeof found === 'object' && found !== null && 'id' in found && typeof found.id === 'number') {
        setCollision({ id: found.id, identifier: 'identifier' in found && typeof found.identifier === 'string' ? found.identifier : String(found.id) });
        show({ summary: `The credential was not created: ${result.error.message}`, fields: {} });
        return;
      }
      show(errorsFromServer(result.error, body));
      return;
    }
    // The secrets typed here are done with: drop them before anything else happens.
    setForm((f) => ({ ...f, content: '', secret_key: '', auth_fields: f.auth_fields.map((a) => ({ ...a, value: '' })) }));
    const identifier = result.value.credential?.identifier ?? form.identifier;
    if (result.value.response.error_code === 9007) {
      // Issue 11: part of this edit of a highly critical credential waits for an approver.
      onSaved(`${result.value.response.detail}${result.value.approvalRequest ? ` (request ${result.value.approvalRequest})` : ''}`);
      return;
    }
    onSaved(`Credential ${identifier} ${result.value.response.message === 'Credential created successfully!' ? 'created' : 'saved'}.`);
  }

  const fieldErrors = errors?.fields ?? {};
  const invalidTabs = new Set(Object.keys(fieldErrors).map((f) => tabOf(f as FieldKey)));
  const title = id === undefined ? 'New credential' : `Edit credential ${existing?.identifier ?? ''}`.trim();

  const footer = (
    <>
      <button type="button" className="secondary" onClick={onClose}>
        Cancel
      </button>
      {existing && (
        <RecordActions
          kind="credential"
          id={existing.id}
          name={existing.identifier}
          archived={existing.archived_at !== null && existing.archived_at !== undefined}
          onDone={(message) => onSaved(message)}
          onError={(message) => setNotice(message)}
        />
      )}
      <button type="submit" form="credential-editor-form" className="primary" disabled={busy || (id !== undefined && !existing) || preview !== undefined}>
        {busy ? 'Saving…' : 'Save credential'}
      </button>
    </>
  );

  return (
    <Dialog title={title} onClose={onClose} footer={footer} wide>
      <form id="credential-editor-form" onSubmit={(e) => void save(e)} aria-label={title} noValidate>
        {loadError && (
          <p role="alert" className="form-error">
            {loadError}
          </p>
        )}
        {errors && (
          <p role="alert" className="form-error form-summary" data-testid="editor-error">
            {errors.summary}
            {collision && (
              <button type="button" className="secondary" onClick={() => {
                setErrors(undefined);
                setCollision(undefined);
                setId(collision.id);
              }}>
                Open that credential ({collision.identifier})
              </button>
            )}
          </p>
        )}
        {notice && (
          <p role="alert" className="form-error">
            {notice}
          </p>
        )}
        {existing?.archived_at && <p className="muted">Archived: hidden from lists and never changed automatically. Restore it to use it again.</p>}
        {preview && <ChangePreview changes={preview} onBack={() => setPreview(undefined)} onConfirm={() => void save(undefined, true)} busy={busy} />}
        <Tabs<TabId>
          label="Credential sections"
          selected={tab}
          onSelect={setTab}
          tabs={[
            { id: 'information', label: 'Information', invalid: invalidTabs.has('information') },
            { id: 'execution', label: 'Execution settings', invalid: invalidTabs.has('execution') },
            { id: 'additional', label: 'Additional', invalid: invalidTabs.has('additional') },
          ]}
          panels={{
            information: <InformationTab form={form} editing={id !== undefined} errors={fieldErrors} devices={devices} domains={domains} update={update} />,
            execution: <ExecutionTab form={form} errors={fieldErrors} update={update} updateExecution={updateExecution} />,
            additional: <AdditionalTab form={form} editing={id !== undefined} hasStoredTotp={existing?.additional_settings.has_secret_key ?? false} update={update} />,
          }}
        />
      </form>
    </Dialog>
  );
}
