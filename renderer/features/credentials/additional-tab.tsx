import { CRITICALITIES, type Criticality } from '../../../shared/domain/credential-settings';
import { SelectField, TextField } from '../shared-ui/field';
import type { AuthFieldForm, CredentialForm } from './credential-form';
import { SecretInput } from './secret-input';

interface AdditionalTabProps {
  readonly form: CredentialForm;
  readonly editing: boolean;
  readonly hasStoredTotp: boolean;
  readonly update: <K extends keyof CredentialForm>(key: K, value: CredentialForm[K]) => void;
}

/** Seed 004's additional settings: owner, server path, TOTP, criticality, extra authentication fields. */
export function AdditionalTab({ form, editing, hasStoredTotp, update }: AdditionalTabProps) {
  function setAuthField(index: number, change: Partial<AuthFieldForm>) {
    update(
      'auth_fields',
      form.auth_fields.map((f, i) => (i === index ? { ...f, ...change } : f)),
    );
    update('auth_fields_edited', true);
  }
  return (
    <div>
      <div className="form-grid">
        <TextField label="A2A identifier" value={form.a2a_identifier} onChange={(v) => update('a2a_identifier', v)} hint="Used to fetch this credential through A2A." />
        <TextField label="Owner" value={form.user_credential_owner} onChange={(v) => update('user_credential_owner', v)} hint="The owner's username." />
        <TextField label="Server path" value={form.server_path} onChange={(v) => update('server_path', v)} hint="Script or file where the credential is used, e.g. /etc/app.conf." />
        <SecretInput label="TOTP secret" value={form.secret_key} onChange={(v) => update('secret_key', v)} hint={editing && hasStoredTotp ? 'Leave empty to keep the stored TOTP secret.' : undefined} />
        <SelectField<Criticality | ''>
          label="Criticality"
          value={form.criticality}
          options={[{ value: '', label: 'Not set' }, ...CRITICALITIES.map((c) => ({ value: c, label: c[0]?.toUpperCase() + c.slice(1) }))]}
          onChange={(v) => update('criticality', v)}
        />
      </div>
      <fieldset className="form-section">
        <legend>Additional authentication fields</legend>
        {editing && form.auth_fields.length > 0 && !form.auth_fields_edited && <p className="muted">Stored values are sealed and not shown; editing this list replaces them, so retype each value.</p>}
        {form.auth_fields.map((field, index) => (
          <div className="form-grid auth-field" key={index}>
            <TextField label={`Name ${index + 1}`} value={field.name} onChange={(v) => setAuthField(index, { name: v })} />
            <TextField label={`Short name ${index + 1}`} value={field.short_name} onChange={(v) => setAuthField(index, { short_name: v })} />
            <SecretInput label={`Value ${index + 1}`} value={field.value} onChange={(v) => setAuthField(index, { value: v })} />
            <button
              type="button"
              className="secondary"
              aria-label={`Remove authentication field ${index + 1}`}
              onClick={() => {
                update('auth_fields', form.auth_fields.filter((_, i) => i !== index));
                update('auth_fields_edited', true);
              }}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => {
            update('auth_fields', [...form.auth_fields, { name: '', short_name: '', value: '' }]);
            update('auth_fields_edited', true);
          }}
        >
          Add authentication field
        </button>
      </fieldset>
    </div>
  );
}
