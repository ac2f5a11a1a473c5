import { useState, type FormEvent } from 'react';
import type { PasswordPolicy } from '../../../shared/domain/password-policy';
import { EXPIRATION_UNITS } from '../../../shared/domain/password-policy';
import { MAX_HISTORY_LENGTH } from '../../../shared/domain/secret-history';
import { api } from '../../api/api';
import { Dialog } from '../shared-ui/dialog';
import { CheckboxField, SelectField, TextField } from '../shared-ui/field';
import { ChangeWindowFields } from './change-window-fields';
import { formFromPolicy, NEW_POLICY_FORM, passwordLength, policyInput, validatePolicy, type PolicyForm } from './policy-form';

interface PolicyEditorProps {
  readonly policy: PasswordPolicy | undefined;
  readonly onSaved: (policy: PasswordPolicy) => void;
  readonly onClose: () => void;
}

/** Fields the form shows an error beside; any other problem goes in the summary. */
const SHOWN_FIELDS = new Set([
  'name',
  'priority',
  'definition.strength.lowercase',
  'definition.strength.uppercase',
  'definition.strength.digits',
  'definition.strength.symbols',
  'definition.strength.allowed_symbols',
  'definition.strength.allow_repeated_characters',
  'definition.expiration.every',
  'definition.view_expiration_hours',
  'definition.change_window.days',
  'definition.change_window.hours',
  'definition.historyLength',
]);

/** Creates or edits a password policy, checked as typed with the contract's schema, saved via 'policy.save'. */
export function PolicyEditor({ policy, onSaved, onClose }: PolicyEditorProps) {
  const [form, setForm] = useState<PolicyForm>(() => (policy ? formFromPolicy(policy) : NEW_POLICY_FORM));
  const [serverError, setServerError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const errors = validatePolicy(form) ?? {};
  const others = Object.entries(errors).filter(([key]) => !SHOWN_FIELDS.has(key));
  const invalid = Object.keys(errors).length > 0;
  const length = passwordLength(form);

  const update = <K extends keyof PolicyForm>(key: K, value: PolicyForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const strength = (key: 'lowercase' | 'uppercase' | 'digits' | 'symbols', label: string) => (
    <TextField label={label} type="number" value={form[key]} onChange={(v) => update(key, v)} error={errors[`definition.strength.${key}`]} />
  );

  async function save(event: FormEvent) {
    event.preventDefault();
    if (invalid) return;
    setBusy(true);
    setServerError(undefined);
    const result = await api().call('policy.save', { ...(policy ? { id: policy.id } : {}), input: policyInput(form) });
    setBusy(false);
    if (result.ok) onSaved(result.value);
    else setServerError(`The policy was not saved: ${result.error.message}`);
  }

  const title = policy ? `Edit policy ${policy.name}` : 'New policy';
  return (
    <Dialog
      title={title}
      onClose={onClose}
      wide
      footer={
        <>
          {invalid && <span className="muted save-reason">Fix the fields marked in red to save.</span>}
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="policy-editor-form" className="primary" disabled={busy || invalid}>
            {busy ? 'Saving…' : 'Save policy'}
          </button>
        </>
      }
    >
      <form id="policy-editor-form" aria-label={title} onSubmit={(e) => void save(e)} noValidate>
        {serverError && (
          <p role="alert" className="form-error form-summary">
            {serverError}
          </p>
        )}
        {others.length > 0 && (
          <ul className="form-error form-summary" aria-label="Other problems">
            {others.map(([key, message]) => (
              <li key={key}>{message}</li>
            ))}
          </ul>
        )}
        <div className="form-grid">
          <TextField label="Name" value={form.name} onChange={(v) => update('name', v)} error={errors['name']} autoFocus />
          <TextField label="Priority" type="number" value={form.priority} onChange={(v) => update('priority', v)} error={errors['priority']} hint="0–255; the higher number wins between equally specific policies." />
        </div>
        <CheckboxField label="Enabled" checked={form.enabled} onChange={(v) => update('enabled', v)} />
        <fieldset className="form-section">
          <legend>Strength</legend>
          <div className="form-grid">
            {strength('lowercase', 'Lowercase letters')}
            {strength('uppercase', 'Uppercase letters')}
            {strength('digits', 'Digits')}
            {strength('symbols', 'Symbols')}
            <TextField label="Allowed symbols" value={form.allowed_symbols} onChange={(v) => update('allowed_symbols', v)} error={errors['definition.strength.allowed_symbols']} hint="Each once, e.g. !#$%. Leave ? out for Cisco IOS." />
          </div>
          <CheckboxField label="Allow repeated characters" checked={form.allow_repeated_characters} onChange={(v) => update('allow_repeated_characters', v)} />
          {errors['definition.strength.allow_repeated_characters'] && <p className="form-error field-error">{errors['definition.strength.allow_repeated_characters']}</p>}
          <p className="muted" role="status">
            Password length: {length === undefined ? '—' : `${length} characters`}
          </p>
        </fieldset>
        <fieldset className="form-section">
          <legend>Expiration</legend>
          <CheckboxField label="Change the password periodically" checked={form.expires} onChange={(v) => update('expires', v)} />
          {form.expires && (
            <div className="form-grid">
              <TextField label="Change every" type="number" value={form.expiration_every} onChange={(v) => update('expiration_every', v)} error={errors['definition.expiration.every']} />
              <SelectField label="Unit" value={form.expiration_unit} options={EXPIRATION_UNITS.map((u) => ({ value: u, label: u === 'hours' ? 'Hours' : 'Days' }))} onChange={(v) => update('expiration_unit', v)} />
            </div>
          )}
          <CheckboxField label="Change the password after it is viewed" checked={form.view_expires} onChange={(v) => update('view_expires', v)} />
          {form.view_expires && (
            <TextField label="Hours after viewing" type="number" value={form.view_expiration_hours} onChange={(v) => update('view_expiration_hours', v)} error={errors['definition.view_expiration_hours']} />
          )}
        </fieldset>
        <ChangeWindowFields
          days={form.days}
          hours={form.hours}
          daysError={errors['definition.change_window.days']}
          hoursError={errors['definition.change_window.hours']}
          onDays={(v) => update('days', v)}
          onHours={(v) => update('hours', v)}
        />
        <fieldset className="form-section">
          <legend>Password history</legend>
          <TextField
            label="Previous secrets kept"
            type="number"
            value={form.history_length}
            onChange={(v) => update('history_length', v)}
            error={errors['definition.historyLength']}
            hint={`Each credential keeps this many replaced secrets, sealed, to reveal or restore (0 to ${MAX_HISTORY_LENGTH}; 0 keeps none). Lowering it deletes the older ones of the credentials this policy governs when you save.`}
          />
        </fieldset>
        <fieldset className="form-section">
          <legend>Criteria</legend>
          <p className="muted">A policy applies to credentials whose device type is listed and that carry all the tags. Leave both empty for a default policy.</p>
          <div className="form-grid">
            <TextField label="Device types" value={form.device_types} onChange={(v) => update('device_types', v)} hint="Comma separated, e.g. Linux, Switch." />
            <TextField label="Credential tags" value={form.tags} onChange={(v) => update('tags', v)} hint="Comma separated; all must be present." />
          </div>
        </fieldset>
      </form>
    </Dialog>
  );
}
