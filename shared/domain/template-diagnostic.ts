import { z } from 'zod';

/**
 * What the template linter reports. Errors block saving; warnings are shown and saved with the
 * template (Segura accepts those lines, so imported templates keep working).
 */
export const TEMPLATE_DIAGNOSTIC_CODES = [
  // Errors
  'unknown-command',
  'missing-argument',
  'text-after-closing-quote',
  'invalid-number',
  'invalid-new-line-mode',
  'unsupported-ssh-version',
  'invalid-regex',
  'unknown-tag',
  'unknown-filter',
  'secret-on-command-line',
  // SQL executors: a tag where no quoting keeps a value from changing the statement; a secret where it would be seen
  'sql-unsafe-tag-position',
  'sql-secret-outside-literal',
  'sql-secret-outside-password',
  // LDAP executor errors (main/executors/ldap/parse-ldap-template.ts)
  'unknown-option',
  'insecure-option',
  'invalid-dn',
  'invalid-filter',
  'invalid-attribute',
  'secret-in-ldap-name',
  'step-out-of-order',
  // Render-time errors (a value is missing or cannot be typed safely)
  'tag-without-value',
  'unsafe-tag-value',
  // Warnings (secret-on-command-line is a warning when a directive allows it or no device is known)
  'unquoted-argument',
  'unclosed-quote',
  'nested-quotes',
  'quoted-argument',
  'regex-without-slashes',
  'ignored-regex-flag',
  'unexpected-argument',
  'unreachable-after-end',
  'unquoted-tag-on-command-line',
  'shell-filter-at-prompt',
  'shell-filter-on-non-posix',
  'malformed-tag',
  'unknown-directive',
  'target-directive-ignored',
  'empty-template',
] as const;
export type TemplateDiagnosticCode = (typeof TEMPLATE_DIAGNOSTIC_CODES)[number];

export const TEMPLATE_DIAGNOSTIC_SEVERITIES = ['error', 'warning'] as const;
export type TemplateDiagnosticSeverity = (typeof TEMPLATE_DIAGNOSTIC_SEVERITIES)[number];

export const templateDiagnosticSchema = z.object({
  /** 1-based line in the template body. */
  line: z.number().int().min(1),
  /** 1-based column (UTF-16 code units, as an editor counts them). */
  column: z.number().int().min(1),
  /** How many characters the problem spans, for underlining; at least 1. */
  length: z.number().int().min(1),
  severity: z.enum(TEMPLATE_DIAGNOSTIC_SEVERITIES),
  code: z.enum(TEMPLATE_DIAGNOSTIC_CODES),
  /** What is wrong and how to fix it. */
  message: z.string(),
});
export type TemplateDiagnostic = z.infer<typeof templateDiagnosticSchema>;

export function hasErrors(diagnostics: readonly TemplateDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
