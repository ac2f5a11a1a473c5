import { CheckboxField, TextField } from '../shared-ui/field';
import type { ExecutionForm } from './credential-form';
import type { FieldKey } from './credential-validation';

interface ExecutionTabProps {
  readonly execution: ExecutionForm;
  readonly errors: Partial<Record<FieldKey, string>>;
  readonly update: <K extends keyof ExecutionForm>(key: K, value: ExecutionForm[K]) => void;
}

type TextKey = { [K in keyof ExecutionForm]: ExecutionForm[K] extends string ? K : never }[keyof ExecutionForm];

/** Seed 004's execution settings: automatic change (rotation) and reconciliation. */
export function ExecutionTab({ execution, errors, update }: ExecutionTabProps) {
  const text = (key: TextKey, label: string) => <TextField label={label} value={execution[key]} onChange={(v) => update(key, v)} error={errors[`execution.${key}`]} />;
  return (
    <div>
      <fieldset className="form-section">
        <legend>Parent credential</legend>
        <div className="form-grid">
          {text('parent_credential', 'Parent credential')}
          {text('parent_hostname', 'Parent hostname')}
          {text('parent_ip', 'Parent IP')}
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>Automatic change</legend>
        <CheckboxField label="Automatic change" checked={execution.automatic_change} onChange={(v) => update('automatic_change', v)} />
        <CheckboxField label="Agent-based password change" checked={execution.agent_based_password_change} onChange={(v) => update('agent_based_password_change', v)} />
        <div className="form-grid">
          {text('change_plugin', 'Change plugin')}
          {text('change_template', 'Change template')}
        </div>
        <CheckboxField label="Use own credential to connect" checked={execution.use_own_credential_to_connect} onChange={(v) => update('use_own_credential_to_connect', v)} />
        {!execution.use_own_credential_to_connect && (
          <div className="form-grid">
            {text('authentication_credential', 'Authentication credential')}
            {text('authentication_hostname', 'Authentication hostname')}
            {text('authentication_ip', 'Authentication IP')}
          </div>
        )}
      </fieldset>
      <fieldset className="form-section">
        <legend>Reconciliation</legend>
        <CheckboxField label="Reconcile after a failed change" checked={execution.status} onChange={(v) => update('status', v)} />
        <div className="form-grid">
          {text('reconciliation_credential', 'Reconciliation credential')}
          {text('reconciliation_hostname', 'Reconciliation hostname')}
          {text('reconciliation_ip', 'Reconciliation IP')}
          {text('reconciliation_plugin', 'Reconciliation plugin')}
          {text('reconciliation_template', 'Reconciliation template')}
        </div>
      </fieldset>
    </div>
  );
}
