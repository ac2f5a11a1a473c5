import { useId, type ReactNode } from 'react';

interface FieldFrameProps {
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
  readonly children: (props: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** A label, the control, a hint and an error, wired with for/id and aria-describedby. */
export function FieldFrame({ label, error, hint, children }: FieldFrameProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: error !== undefined })}
      {hint && (
        <span id={hintId} className="muted field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="form-error field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

interface TextFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
  /** date and number keep the value a string, as typed; the caller parses it. */
  readonly type?: 'text' | 'password' | 'date' | 'number';
  readonly multiline?: boolean;
  /** Height of a multiline box; 3 when not given. */
  readonly rows?: number;
  readonly readOnly?: boolean;
  readonly list?: string;
  readonly autoFocus?: boolean;
  readonly placeholder?: string;
}

export function TextField({ label, value, onChange, error, hint, type = 'text', multiline = false, rows = 3, readOnly, list, autoFocus, placeholder }: TextFieldProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) =>
        multiline ? (
          <textarea id={id} value={value} rows={rows} readOnly={readOnly} aria-invalid={invalid || undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            id={id}
            type={type}
            value={value}
            readOnly={readOnly}
            list={list}
            placeholder={placeholder}
            autoComplete="off"
            spellCheck={false}
            data-autofocus={autoFocus || undefined}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </FieldFrame>
  );
}

interface SelectFieldProps<T extends string> {
  readonly label: string;
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly onChange: (value: T) => void;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
}

export function SelectField<T extends string>({ label, value, options, onChange, error, hint }: SelectFieldProps<T>) {
  return (
    <FieldFrame label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <select id={id} value={value} aria-invalid={invalid || undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value as T)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export function CheckboxField({ label, checked, onChange }: { readonly label: string; readonly checked: boolean; readonly onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="form-row form-row-inline">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
