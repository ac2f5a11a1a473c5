import { useEffect } from 'react';
import type { CredentialGridRow } from '../../../shared/domain/credential-grid-query';
import { cleartextWarning, EXECUTOR_NAMES, findExecutor } from '../../../shared/domain/executors';
import { api } from '../../api/api';
import { useTemplates } from '../../stores/templates-store';
import { CheckboxField, SelectField } from '../shared-ui/field';
import type { CredentialForm, ExecutionForm } from './credential-form';
import type { FieldKey } from './credential-validation';
import { CredentialReferencePicker } from './credential-reference-picker';
import { templateChoices } from './template-choices';

interface ExecutionTabProps {
  readonly form: CredentialForm;
  readonly errors: Partial<Record<FieldKey, string>>;
  readonly update: <K extends keyof CredentialForm>(key: K, value: CredentialForm[K]) => void;
  readonly updateExecution: <K extends keyof ExecutionForm>(key: K, value: ExecutionForm[K]) => void;
}

const PLUGIN_OPTIONS = [{ value: '', label: '(none)' }, ...EXECUTOR_NAMES.map((name) => ({ value: name, label: name }))];

/**
 * Seed 004's execution settings: automatic change (rotation) and reconciliation. Seed 000: plugins
 * and templates are chosen from drop-downs, and so are the credentials they name, so what is saved
 * names things that exist (main checks it again: codes 9101-9109).
 */
export function ExecutionTab({ form, errors, update, updateExecution }: ExecutionTabProps) {
  const execution = form.execution;
  const { templates, error: templatesError, load } = useTemplates();
  useEffect(() => {
    if (templates === undefined) void load();
  }, [templates, load]);
  useParentLabel(form, update);

  // Telnet and any other cleartext executor: said where it is chosen, as the hint under the drop-down.
  const cleartext = (name: string): string | undefined => {
    const executor = findExecutor(name);
    return (executor && cleartextWarning(executor)) ?? undefined;
  };
  const plugin = (key: 'change_plugin' | 'reconciliation_plugin', label: string) => (
    <SelectField label={label} hint={cleartext(execution[key])} value={execution[key]} options={PLUGIN_OPTIONS.some((o) => o.value === execution[key]) ? PLUGIN_OPTIONS : [...PLUGIN_OPTIONS, { value: execution[key], label: `${execution[key]} (not registered)` }]} onChange={(v) => updateExecution(key, v)} error={errors[`execution.${key}`]} />
  );
  const template = (key: 'change_template' | 'reconciliation_template', label: string, role: 'change' | 'reconciliation', pluginName: string) => (
    <SelectField label={label} value={execution[key]} options={templateChoices(templates ?? [], role, form.kind, pluginName, execution[key])} onChange={(v) => updateExecution(key, v)} error={errors[`execution.${key}`]} />
  );
  const pickInto = (prefix: 'authentication' | 'reconciliation') => (row: CredentialGridRow | null) => {
    updateExecution(`${prefix}_credential`, row?.identifier ?? '');
    updateExecution(`${prefix}_hostname`, row?.hostname ?? '');
    updateExecution(`${prefix}_ip`, row?.ip ?? '');
  };

  return (
    <div>
      {templatesError && (
        <p role="alert" className="form-error">
          {templatesError}
        </p>
      )}
      <CheckboxField label="Needs MFA or human interaction: never changed automatically or by request" checked={form.needs_human_interaction} onChange={(v) => update('needs_human_interaction', v)} />
      <fieldset className="form-section">
        <legend>Parent credential</legend>
        <CredentialReferencePicker
          label="Parent credential"
          current={form.parent_password === '' ? '' : form.parent_label || `#${form.parent_password}`}
          error={errors.parent_password}
          hint="A successful change of the parent also changes this credential."
          onPick={(row) => {
            update('parent_password', row === null ? '' : String(row.id));
            update('parent_label', row?.identifier ?? '');
          }}
        />
      </fieldset>
      <fieldset className="form-section">
        <legend>Automatic change</legend>
        <CheckboxField label="Automatic change" checked={execution.automatic_change} onChange={(v) => updateExecution('automatic_change', v)} />
        <CheckboxField label="Agent-based password change" checked={execution.agent_based_password_change} onChange={(v) => updateExecution('agent_based_password_change', v)} />
        <div className="form-grid">
          {plugin('change_plugin', 'Change plugin')}
          {template('change_template', 'Change template', 'change', execution.change_plugin)}
        </div>
        <CheckboxField label="Use own credential to connect" checked={execution.use_own_credential_to_connect} onChange={(v) => updateExecution('use_own_credential_to_connect', v)} />
        {!execution.use_own_credential_to_connect && (
          <CredentialReferencePicker label="Authentication credential" current={execution.authentication_credential} error={errors['execution.authentication_credential']} hint="Who logs in to run the change template." onPick={pickInto('authentication')} />
        )}
      </fieldset>
      <fieldset className="form-section">
        <legend>Reconciliation</legend>
        <CheckboxField label="Reconcile after a failed change" checked={execution.status} onChange={(v) => updateExecution('status', v)} />
        <div className="form-grid">
          {plugin('reconciliation_plugin', 'Reconciliation plugin')}
          {template('reconciliation_template', 'Reconciliation template', 'reconciliation', execution.reconciliation_plugin)}
        </div>
        <CredentialReferencePicker label="Reconciliation credential" current={execution.reconciliation_credential} error={errors['execution.reconciliation_credential']} hint="A privileged credential that can set this one's secret without knowing it." onPick={pickInto('reconciliation')} />
      </fieldset>
    </div>
  );
}

/** A loaded credential knows its parent by id: show the parent's identifier instead. */
function useParentLabel(form: CredentialForm, update: ExecutionTabProps['update']) {
  const { parent_password: parentId, parent_label: label } = form;
  useEffect(() => {
    if (parentId === '' || label !== '') return undefined;
    let current = true;
    void api()
      .call('credential.get', { ref: Number(parentId) })
      .then((result) => {
        if (current && result.ok) update('parent_label', result.value.identifier);
      });
    return () => {
      current = false;
    };
  }, [parentId, label, update]);
}
