import { templateVariableSchema, type TemplateExecutor, type TemplateOperationType, type TemplateVariable, type TemplateView } from '../../../shared/domain/template';

/** A declared variable as the form holds it; `key` keeps React rows stable while names change. */
export interface VariableRow {
  readonly key: number;
  readonly name: string;
  readonly secret: boolean;
  /** Typed here only; a stored secret value is never sent back, so it is empty when editing. */
  readonly value: string;
}

export interface TemplateForm {
  readonly name: string;
  /** Which executor runs it (SSH, Telnet); fixed once saved. */
  readonly executor: TemplateExecutor;
  readonly operation_type: TemplateOperationType;
  readonly active: boolean;
  readonly variables: readonly VariableRow[];
  readonly body: string;
}

let nextKey = 1;
export function newVariableRow(): VariableRow {
  const key = nextKey;
  nextKey += 1;
  return { key, name: '', secret: false, value: '' };
}

export const EMPTY_TEMPLATE_FORM: TemplateForm = { name: '', executor: 'ssh', operation_type: 'change_password', active: true, variables: [], body: '' };

export function formFromView(view: TemplateView): TemplateForm {
  return {
    name: view.name,
    executor: view.executor,
    operation_type: view.operation_type,
    active: view.active,
    variables: view.variables.map((v) => ({ ...newVariableRow(), name: v.name, secret: v.secret, value: v.value ?? '' })),
    body: view.body,
  };
}

function toVariable(row: VariableRow): TemplateVariable {
  return row.value === '' ? { name: row.name.trim(), secret: row.secret } : { name: row.name.trim(), secret: row.secret, value: row.value };
}

/** What 'template.save' takes as `input`; main validates it again. */
export function templateInput(form: TemplateForm) {
  return { name: form.name.trim(), executor: form.executor, operation_type: form.operation_type, active: form.active, variables: form.variables.map(toVariable), body: form.body };
}

/** Each variable row's problem (same words as main's schema), by row key. */
export function variableProblems(rows: readonly VariableRow[]): ReadonlyMap<number, string> {
  const problems = new Map<number, string>();
  const seen = new Set<string>();
  for (const row of rows) {
    const parsed = templateVariableSchema.safeParse(toVariable(row));
    if (!parsed.success) problems.set(row.key, parsed.error.issues[0]?.message ?? 'This variable is not valid');
    else if (seen.has(parsed.data.name)) problems.set(row.key, `${parsed.data.name} is declared twice; remove one`);
    seen.add(row.name.trim());
  }
  return problems;
}

/** The variables the linter may see: those that parse (others are flagged on their own row). */
export function lintVariables(rows: readonly VariableRow[]): TemplateVariable[] {
  const problems = variableProblems(rows);
  // Values are not needed to lint, and secrets should not travel on every keystroke.
  return rows.filter((row) => !problems.has(row.key)).map((row) => ({ name: row.name.trim(), secret: row.secret }));
}

/** The variables a dry run renders with: the valid rows, values included (sent on request only). */
export function runVariables(rows: readonly VariableRow[]): TemplateVariable[] {
  const problems = variableProblems(rows);
  return rows.filter((row) => !problems.has(row.key)).map(toVariable);
}
