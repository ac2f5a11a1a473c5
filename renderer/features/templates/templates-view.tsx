import { useEffect, useState } from 'react';
import { ListSection } from '../shared-ui/list-section';
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
      <ListSection
        titleId="templates-title"
        title="Templates"
        action={
          canWrite && (
            <button type="button" className="primary" onClick={() => setEditing({ template: undefined })}>
              New template
            </button>
          )
        }
        error={error}
        items={templates}
        loadingText="Loading templates…"
        emptyText={`No templates yet${canWrite ? ': create one with New template.' : '.'}`}
        headers={['Name', 'Operation type', 'Version', 'Active', 'Built-in', 'Updated', 'Actions']}
        renderRow={(t) => (
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
        )}
      />
      {editing && <TemplateEditor template={editing.template} onSaved={() => void load()} onClose={() => setEditing(undefined)} />}
    </section>
  );
}
