import type { TemplateDiagnostic, TemplateDiagnosticCode, TemplateDiagnosticSeverity } from '../../shared/domain/template-diagnostic';

export function diagnostic(
  severity: TemplateDiagnosticSeverity,
  code: TemplateDiagnosticCode,
  at: { readonly line: number; readonly column: number; readonly length?: number },
  message: string,
): TemplateDiagnostic {
  return { line: at.line, column: at.column, length: Math.max(1, at.length ?? 1), severity, code, message };
}

export function byPosition(a: TemplateDiagnostic, b: TemplateDiagnostic): number {
  return a.line - b.line || a.column - b.column;
}
