import { useEffect, useState, type ReactNode } from 'react';
import type { TemplateView } from '../../../shared/domain/template';
import { api } from '../../api/api';
import { useCredentials } from '../../stores/credentials-store';
import { useDevices } from '../../stores/devices-store';
import { CheckboxField, SelectField, TextField } from '../shared-ui/field';
import { EXECUTOR_NAMES } from '../../../shared/domain/executors';
import type { BulkEditForm, EditErrors, EditKey, ExecutionTextKey, FlagKey, TextKey } from './bulk-edit-form';

interface EditChangesStepProps {
  readonly form: BulkEditForm;
  readonly errors: EditErrors;
  readonly onChange: (form: BulkEditForm) => void;
}

const EXECUTION_TEXT: readonly (readonly [ExecutionTextKey, string, string?])[] = [
  ['change_plugin', 'Change plugin', 'change-plugins'],
  ['change_template', 'Change template', 'change-templates'],
  ['authentication_credential', 'Authentication credential'],
  ['authentication_hostname', 'Authentication hostname'],
  ['authentication_ip', 'Authentication IP'],
];
const RECONCILIATION_TEXT: readonly (readonly [ExecutionTextKey, string, string?])[] = [
  ['reconciliation_credential', 'Reconciliation credential'],
  ['reconciliation_hostname', 'Reconciliation hostname'],
  ['reconciliation_ip', 'Reconciliation IP'],
  ['reconciliation_plugin', 'Reconciliation plugin', 'change-plugins'],
  ['reconciliation_template', 'Reconciliation template', 'reconcile-templates'],
];

/**
 * Seed 001's "Operation details": each field has a "Change …" switch and only switched-on fields
 * are sent; the rest keep each credential's own value. No secret can be set in bulk.
 */
export function EditChangesStep({ form, errors, onChange }: EditChangesStepProps) {
  const { devices, loadDevices } = useDevices();
  const types = useCredentials((state) => state.facets?.types);
  const templates = useTemplateNames();

  useEffect(() => {
    if (devices === undefined) void loadDevices();
  }, [devices, loadDevices]);

  const turn = (key: EditKey, on: boolean) => onChange({ ...form, on: { ...form.on, [key]: on } });
  const setText = (key: TextKey, value: string) => onChange({ ...form, text: { ...form.text, [key]: value } });
  const setFlag = (key: FlagKey, value: boolean) => onChange({ ...form, flags: { ...form.flags, [key]: value } });

  const toggled = (key: EditKey, label: string, control: ReactNode) => (
    <div className="bulk-field" key={key}>
      <CheckboxField label={`Change ${label.toLowerCase()}`} checked={form.on[key] === true} onChange={(on) => turn(key, on)} />
      {form.on[key] && <div className="bulk-field-control">{control}</div>}
    </div>
  );
  const text = (key: TextKey, label: string, options: { list?: string; hint?: string; multiline?: boolean } = {}) =>
    toggled(
      key,
      label,
      <TextField label={label} value={form.text[key] ?? ''} onChange={(v) => setText(key, v)} error={errors[key]} hint={options.hint ?? 'Leave empty to clear it on every selected credential.'} multiline={options.multiline ?? false} {...(options.list ? { list: options.list } : {})} />,
    );
  const flag = (key: FlagKey, label: string, valueLabel: string) =>
    toggled(key, label, <CheckboxField label={valueLabel} checked={form.flags[key] === true} onChange={(v) => setFlag(key, v)} />);

  const deviceOptions = [{ value: '', label: devices === undefined ? 'Loading devices…' : 'Choose a device' }, ...(devices ?? []).map((d) => ({ value: String(d.id), label: `${d.hostname} (${d.ip})` }))];

  return (
    <div className="bulk-edit-step">
      {errors.form && (
        <p role="alert" className="form-error">
          {errors.form}
        </p>
      )}
      <fieldset className="form-section">
        <legend>Information</legend>
        {toggled('credential_type', 'Password type', <TextField label="Password type" value={form.text.credential_type ?? ''} onChange={(v) => setText('credential_type', v)} error={errors.credential_type} list="bulk-credential-types" />)}
        {text('domain', 'Domain')}
        {toggled('device', 'Device', <SelectField label="Device" value={form.text.device ?? ''} options={deviceOptions} onChange={(v) => setText('device', v)} error={errors.device} hint="The credentials move to this registered device." />)}
        {text('additional', 'Additional information', { multiline: true })}
        {flag('needs_human_interaction', 'Needs MFA or human interaction', 'Needs MFA or human interaction: never changed automatically or by request')}
        {toggled(
          'tags',
          'Tags',
          <>
            <fieldset className="choice-group">
              <legend>How to apply the tags</legend>
              <Choice name="bulk-tag-mode" label="Add to existing tags" checked={form.tagMode === 'add'} onSelect={() => onChange({ ...form, tagMode: 'add' })} />
              <Choice name="bulk-tag-mode" label="Replace all tags" checked={form.tagMode === 'replace'} onSelect={() => onChange({ ...form, tagMode: 'replace' })} />
            </fieldset>
            <TextField label="Tags" value={form.text.tags ?? ''} onChange={(v) => setText('tags', v)} error={errors.tags} hint={form.tagMode === 'replace' ? 'Separate tags with commas. Empty removes every tag.' : 'Separate tags with commas.'} />
          </>,
        )}
      </fieldset>
      <fieldset className="form-section">
        <legend>Execution settings</legend>
        {text('parent', 'Parent credential', { hint: "The parent's identifier: its successful change schedules these. Leave empty for none." })}
        {EXECUTION_TEXT.slice(0, 2).map(([key, label, list]) => text(key, label, list ? { list } : {}))}
        {flag('automatic_change', 'Automatic change', 'Automatic change on')}
        {flag('use_own_credential_to_connect', 'Use own credential to connect', 'Connect with the credential itself')}
        {EXECUTION_TEXT.slice(2).map(([key, label]) => text(key, label))}
      </fieldset>
      <fieldset className="form-section">
        <legend>Reconciliation settings</legend>
        {flag('status', 'Reconciliation status', 'Reconcile after a failed change')}
        {RECONCILIATION_TEXT.map(([key, label, list]) => text(key, label, list ? { list } : {}))}
      </fieldset>
      <datalist id="bulk-credential-types">
        {(types ?? []).map((t) => (
          <option key={t.value} value={t.value} />
        ))}
      </datalist>
      <datalist id="change-plugins">
        {EXECUTOR_NAMES.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <datalist id="change-templates">
        {templates.filter((t) => t.operation_type === 'change_password' || t.operation_type === 'ssh_key_rotation').map((t) => (
          <option key={t.name} value={t.name} />
        ))}
      </datalist>
      <datalist id="reconcile-templates">
        {templates.filter((t) => t.operation_type === 'reconcile').map((t) => (
          <option key={t.name} value={t.name} />
        ))}
      </datalist>
    </div>
  );
}

function Choice({ name, label, checked, onSelect }: { readonly name: string; readonly label: string; readonly checked: boolean; readonly onSelect: () => void }) {
  return (
    <label className="choice">
      <input type="radio" name={name} checked={checked} onChange={onSelect} /> {label}
    </label>
  );
}

/** Template names for the suggestions; a role without template.read simply gets none. */
function useTemplateNames(): readonly Pick<TemplateView, 'name' | 'operation_type'>[] {
  const [templates, setTemplates] = useState<readonly TemplateView[]>([]);
  useEffect(() => {
    let current = true;
    void api()
      .call('template.list', {})
      .then((result) => {
        if (current && result.ok) setTemplates(result.value);
      });
    return () => {
      current = false;
    };
  }, []);
  return templates;
}
