import type { TemplateFieldError } from '../../../shared/domain/template';
import type { TemplateDiagnostic } from '../../../shared/domain/template-diagnostic';

interface DiagnosticsListProps {
  readonly id: string;
  readonly diagnostics: readonly TemplateDiagnostic[];
  readonly fieldErrors: readonly TemplateFieldError[];
  readonly checking: boolean;
  readonly onJump: (diagnostic: TemplateDiagnostic) => void;
}

/** The linter's findings by line and column; each one jumps to its place in the body. */
export function DiagnosticsList({ id, diagnostics, fieldErrors, checking, onJump }: DiagnosticsListProps) {
  const sorted = [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
  const errors = diagnostics.filter((d) => d.severity === 'error').length + fieldErrors.length;
  const warnings = diagnostics.length - diagnostics.filter((d) => d.severity === 'error').length;
  return (
    <section id={id} className="diagnostics" aria-label="Problems">
      <p className="diagnostics-summary" role="status" data-testid="lint-summary">
        {checking ? 'Checking…' : errors === 0 && warnings === 0 ? 'No problems found.' : `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.`}
      </p>
      {(sorted.length > 0 || fieldErrors.length > 0) && (
        <ul className="diagnostics-list" aria-label="Problems in the template">
          {fieldErrors.map((f) => (
            <li key={`field-${f.path.join('.')}-${f.message}`} className="diagnostic diagnostic-error">
              <span className="diagnostic-where">{f.path.join('.') || 'Template'}</span> {f.message}
            </li>
          ))}
          {sorted.map((d, i) => (
            <li key={`${d.line}:${d.column}:${d.code}:${i}`} className={`diagnostic diagnostic-${d.severity}`}>
              <button type="button" className="link-button diagnostic-jump" onClick={() => onJump(d)}>
                Line {d.line}, column {d.column}
              </button>{' '}
              <span className="diagnostic-severity">{d.severity === 'error' ? 'Error' : 'Warning'}:</span> {d.message} <span className="muted">({d.code})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
