import { useEffect, useState } from 'react';
import type { TemplateView } from '../../../shared/domain/template';
import { useCan } from '../../stores/session-store';
import { useTemplates } from '../../stores/templates-store';
import { TemplateEditor } from './template-editor';
import { OPERATION_TYPE_LABEL } from './template-labels';

type Editing = { readonly template: TemplateView | undefined } | undefined;

/** Execution templates: the list, and the editor (with history and dry run) for one of them. */
export function TemplatesView() {
  const { templates, error, load } = useTemplates();
  const canWrite = useCan('template.write');
  const [editing, setEditing] = useState<Editing>(undefined);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="templates-view" aria-labelledby="templates-title">
      <header className="view-header">
        <h1 id="templates-title">Templates</h1>
        {canWrite && (
          <button type="button" className="primary" onClick={() => setEditing({ template: undefined })}>
            New template
          </button>
        )}
      </header>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {templates === undefined ? (
        <p className="muted">Loading templates…</p>
      ) : templates.length === 0 ? (
        <p className="empty-note">No templates yet{canWrite ? ': create one with New template.' : '.'}</p>
      ) : (
        <div className="table-scroller">
          <table className="data-table" aria-labelledby="templates-title">
            <thead>
              <tr>
                {['Name', 'Operation type', 'Version', 'Active', 'Built-in', 'Updated', 'Actions'].map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {templates.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td>{OPERATION_TYPE_LABEL[t.operation_type]}</td>
                  <td>{t.current_version}</td>
                  <td>{t.active ? 'Yes' : 'No'}</td>
                  <td>{t.builtin ? 'Yes' : 'No'}</td>
                  <td>{new Date(t.updated_at).toLocaleString()}</td>
                  <td>
                    <button type="button" className="link-button" aria-label={`${canWrite ? 'Edit' : 'Open'} template ${t.name}`} onClick={() => setEditing({ template: t })}>
                      {canWrite ? 'Edit' : 'Open'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && <TemplateEditor template={editing.template} onSaved={() => void load()} onClose={() => setEditing(undefined)} />}
    </section>
  );
}
