import { useState } from 'react';
import { FieldFrame } from '../shared-ui/field';

interface SecretInputProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly multiline?: boolean;
  /** What the Show/Hide button names, when not the label (PassMan's "Show password" on every kind). */
  readonly toggleNoun?: string;
}

/** A secret typed by the operator, masked until they choose to see it. */
export function SecretInput({ label, value, onChange, hint, error, multiline = false, toggleNoun }: SecretInputProps) {
  const [visible, setVisible] = useState(false);
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <div className="secret-input">
          {multiline ? (
            <textarea
              id={id}
              rows={4}
              value={value}
              spellCheck={false}
              className={visible ? undefined : 'masked'}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(e) => onChange(e.target.value)}
            />
          ) : (
            <input
              id={id}
              type={visible ? 'text' : 'password'}
              value={value}
              autoComplete="new-password"
              spellCheck={false}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(e) => onChange(e.target.value)}
            />
          )}
          <button type="button" className="secondary" aria-pressed={visible} aria-label={`${visible ? 'Hide' : 'Show'} ${toggleNoun ?? label.toLowerCase()}`} onClick={() => setVisible((v) => !v)}>
            {visible ? 'Hide' : 'Show'}
          </button>
        </div>
      )}
    </FieldFrame>
  );
}
