import { useId } from 'react';
import { newVariableRow, type VariableRow } from './template-form';

interface VariablesEditorProps {
  readonly rows: readonly VariableRow[];
  readonly problems: ReadonlyMap<number, string>;
  readonly readOnly: boolean;
  readonly onChange: (rows: VariableRow[]) => void;
}

/** Declared variables ([#NAME#] beyond the built-in tags), each with its secret flag and value. */
export function VariablesEditor({ rows, problems, readOnly, onChange }: VariablesEditorProps) {
  const base = useId();
  const update = (key: number, change: Partial<VariableRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  return (
    <fieldset className="form-section">
      <legend>Variables</legend>
      {rows.length === 0 && <p className="muted">No variables declared. Declare one to use it as [#NAME#] in the body.</p>}
      {rows.map((row, index) => {
        const id = `${base}-${row.key}`;
        const problem = problems.get(row.key);
        const n = index + 1;
        return (
          <div key={row.key} className="variable-row">
            <div className="form-row">
              <label htmlFor={`${id}-name`}>Variable {n} name</label>
              <input
                id={`${id}-name`}
                value={row.name}
                readOnly={readOnly}
                placeholder="SERVICE_NAME"
                spellCheck={false}
                autoComplete="off"
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${id}-error` : undefined}
                onChange={(e) => update(row.key, { name: e.target.value.toUpperCase() })}
              />
              {problem && (
                <span id={`${id}-error`} className="form-error field-error">
                  {problem}
                </span>
              )}
            </div>
            <div className="form-row">
              <label htmlFor={`${id}-value`}>Variable {n} value</label>
              <input
                id={`${id}-value`}
                type={row.secret ? 'password' : 'text'}
                value={row.value}
                readOnly={readOnly}
                autoComplete="off"
                placeholder={row.secret ? 'Type it again to keep it in the new version' : ''}
                onChange={(e) => update(row.key, { value: e.target.value })}
              />
            </div>
            <div className="form-row-inline">
              <input id={`${id}-secret`} type="checkbox" checked={row.secret} disabled={readOnly} onChange={(e) => update(row.key, { secret: e.target.checked })} />
              <label htmlFor={`${id}-secret`}>Variable {n} is secret</label>
            </div>
            {!readOnly && (
              <button type="button" className="link-button" aria-label={`Remove variable ${n}${row.name ? ` ${row.name}` : ''}`} onClick={() => onChange(rows.filter((r) => r.key !== row.key))}>
                Remove
              </button>
            )}
          </div>
        );
      })}
      {!readOnly && (
        <button type="button" className="secondary" onClick={() => onChange([...rows, newVariableRow()])}>
          Add variable
        </button>
      )}
    </fieldset>
  );
}
