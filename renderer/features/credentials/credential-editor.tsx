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
export function CredentialEditor({ id, onSaved, onClose }: CredentialEditorProps) {
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

  async function save(event: FormEvent) {
    event.preventDefault();
    const body = upsertBody(form, existing);
    const local = validateLocally(body, devices);
    if (local) {
      show(local);
      return;
    }
    setBusy(true);
    setErrors(undefined);
    const result = await api().call('credential.upsert', body);
    setBusy(false);
    if (!result.ok) {
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
      <button type="submit" form="credential-editor-form" className="primary" disabled={busy || (id !== undefined && !existing)}>
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
          </p>
        )}
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
