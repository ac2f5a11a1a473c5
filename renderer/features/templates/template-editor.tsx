import { useId, useRef, useState, type FormEvent } from 'react';
import { TEMPLATE_OPERATION_TYPES, type TemplateFieldError, type TemplateView } from '../../../shared/domain/template';
import type { TemplateDiagnostic } from '../../../shared/domain/template-diagnostic';
import { api } from '../../api/api';
import { useCan } from '../../stores/session-store';
import { Dialog } from '../shared-ui/dialog';
import { CheckboxField, SelectField, TextField } from '../shared-ui/field';
import { Tabs } from '../shared-ui/tabs';
import { CodeEditor, jumpTo } from './code-editor';
import { DiagnosticsList } from './diagnostics-list';
import { DryRunPanel } from './dry-run-panel';
import { OPERATION_TYPE_LABEL } from './template-labels';
import { cleartextWarning, executorForTemplate, EXECUTORS } from '../../../shared/domain/executors';
import { EMPTY_TEMPLATE_FORM, formFromView, lintVariables, runVariables, templateInput, variableProblems, type TemplateForm } from './template-form';
import { TemplateHistory } from './template-history';
import { useTemplateLint } from './use-template-lint';
import { VariablesEditor } from './variables-editor';

type TabId = 'edit' | 'history' | 'dryRun';

interface TemplateEditorProps {
  /** The template to edit; absent for a new one. */
  readonly template: TemplateView | undefined;
  readonly onSaved: (template: TemplateView) => void;
  readonly onClose: () => void;
}

interface SaveRefusal {
  readonly message: string;
  readonly diagnostics: readonly TemplateDiagnostic[];
  readonly fieldErrors: readonly TemplateFieldError[];
}

/** main's VALIDATION details carry every diagnostic; anything else is shown as its message only. */
function refusalFrom(error: { readonly message: string; readonly details?: Readonly<Record<string, unknown>> }): SaveRefusal {
  const diagnostics = Array.isArray(error.details?.['diagnostics']) ? (error.details['diagnostics'] as TemplateDiagnostic[]) : [];
  const fieldErrors = Array.isArray(error.details?.['fieldErrors']) ? (error.details['fieldErrors'] as TemplateFieldError[]) : [];
  return { message: error.message, diagnostics, fieldErrors };
}

/**
 * Creates or edits a template: metadata, variables and a body that is linted as it is typed. Save is
 * blocked while the linter reports errors; each save adds a version (History), and a dry run shows
 * the masked command stream for a chosen credential.
 */
export function TemplateEditor({ template, onSaved, onClose }: TemplateEditorProps) {
  const canWrite = useCan('template.write');
  const [saved, setSaved] = useState<TemplateView | undefined>(template);
  const [form, setForm] = useState<TemplateForm>(() => (template ? formFromView(template) : EMPTY_TEMPLATE_FORM));
  const [tab, setTab] = useState<TabId>('edit');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<SaveRefusal | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const problemsId = useId();
  const reasonId = useId();

  const problems = variableProblems(form.variables);
  const variables = lintVariables(form.variables);
  const lint = useTemplateLint(form.body, variables, form.executor);
  const diagnostics = lint.validation?.diagnostics ?? refusal?.diagnostics ?? [];
  const fieldErrors = [...(lint.validation?.field_errors ?? []), ...(refusal?.fieldErrors.filter((f) => f.path[0] !== 'variables') ?? [])];
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length + (lint.validation?.field_errors.length ?? 0);

  const blocked =
    !canWrite ? 'Your role may read templates but not save them.'
    : form.name.trim() === '' ? 'Give the template a name to save it.'
    : problems.size > 0 ? 'Fix the variables marked above to save.'
    : lint.stale ? 'Checking the template…'
    : lint.error ? lint.error
    : errorCount > 0 ? `Fix the ${errorCount} ${errorCount === 1 ? 'error' : 'errors'} listed under Problems to save.`
    : undefined;

  function update<K extends keyof TemplateForm>(key: K, value: TemplateForm[K]) {
    setNotice(undefined);
    setForm((f) => ({ ...f, [key]: value }));
  }

  function jump(d: TemplateDiagnostic) {
    setTab('edit');
    if (textarea.current) jumpTo(textarea.current, d.line, d.column, d.length);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (blocked) return;
    setBusy(true);
    setRefusal(undefined);
    const result = await api().call('template.save', { ...(saved ? { id: saved.id } : {}), input: templateInput(form) });
    setBusy(false);
    if (!result.ok) {
      setRefusal(refusalFrom(result.error));
      return;
    }
    setSaved(result.value);
    // Secret values were sent once; the form forgets them (main sealed them with the version).
    setForm((f) => ({ ...f, variables: f.variables.map((v) => (v.secret ? { ...v, value: '' } : v)) }));
    setNotice(`Saved ${result.value.name} as version ${result.value.current_version}.`);
    onSaved(result.value);
  }

  const title = saved ? `Template ${saved.name}` : 'New template';
  const footer = (
    <>
      {blocked && canWrite && (
        <span id={reasonId} className="muted save-reason">
          {blocked}
        </span>
      )}
      <button type="button" className="secondary" onClick={onClose}>
        Close
      </button>
      {canWrite && (
        <button type="submit" form="template-editor-form" className="primary" disabled={busy || blocked !== undefined} aria-describedby={blocked ? reasonId : undefined}>
          {busy ? 'Saving…' : 'Save template'}
        </button>
      )}
    </>
  );

  return (
    <Dialog title={title} onClose={onClose} footer={footer} wide>
      {notice && (
        <p role="status" className="form-notice">
          {notice}
        </p>
      )}
      {refusal && (
        <p role="alert" className="form-error form-summary">
          {refusal.message}
        </p>
      )}
      <Tabs<TabId>
        label="Template sections"
        selected={tab}
        onSelect={setTab}
        tabs={[
          { id: 'edit', label: 'Template', invalid: errorCount > 0 || problems.size > 0 },
          { id: 'history', label: 'History' },
          // Dry runs are for template authors (template.write); main refuses them to other roles.
          ...(canWrite ? [{ id: 'dryRun' as const, label: 'Dry run' }] : []),
        ]}
        panels={{
          edit: (
            <form id="template-editor-form" aria-label={title} onSubmit={(e) => void save(e)} noValidate>
              <div className="form-grid">
                <TextField
                  label="Name"
                  value={form.name}
                  onChange={(v) => update('name', v)}
                  readOnly={!canWrite || saved?.builtin === true}
                  autoFocus
                  error={form.name.trim() === '' && saved ? 'Give the template a name' : undefined}
                  hint={saved?.builtin ? 'A built-in template keeps its name: use Duplicate in the list to make your own copy.' : undefined}
                />
                <SelectField
                  label="Executor"
                  value={form.executor}
                  options={EXECUTORS.filter((e) => !saved || e.templateExecutor === form.executor).map((e) => ({ value: e.templateExecutor, label: e.name }))}
                  onChange={(v) => update('executor', v)}
                  hint={saved ? `A saved template keeps its executor; duplicate it for another. ${cleartextWarning(executorForTemplate(form.executor)) ?? ''}` : (cleartextWarning(executorForTemplate(form.executor)) ?? undefined)}
                />
                <SelectField label="Operation type" value={form.operation_type} options={TEMPLATE_OPERATION_TYPES.map((t) => ({ value: t, label: OPERATION_TYPE_LABEL[t] }))} onChange={(v) => update('operation_type', v)} />
              </div>
              <CheckboxField label="Active" checked={form.active} onChange={(v) => update('active', v)} />
              <VariablesEditor rows={form.variables} problems={problems} readOnly={!canWrite} onChange={(rows) => update('variables', rows)} />
              <div className="template-body">
                <CodeEditor label="Body" value={form.body} onChange={(v) => update('body', v)} diagnostics={diagnostics} textareaRef={textarea} readOnly={!canWrite} describedBy={problemsId} />
                <DiagnosticsList id={problemsId} diagnostics={diagnostics} fieldErrors={fieldErrors} checking={lint.stale} onJump={jump} />
              </div>
            </form>
          ),
          history: saved ? <TemplateHistory templateId={saved.id} currentVersion={saved.current_version} /> : <p className="empty-note">No history yet: the first Save creates version 1.</p>,
          dryRun: <DryRunPanel body={form.body} variables={runVariables(form.variables)} executor={form.executor} />,
        }}
      />
    </Dialog>
  );
}
