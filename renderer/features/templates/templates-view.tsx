import { useEffect, useState } from 'react';
import { ArchivedRecordsSection } from '../records/archived-records-section';
import { RecordActions } from '../records/record-actions';
import { ListSection } from '../shared-ui/list-section';
import type { TemplateView } from '../../../shared/domain/template';
import { api } from '../../api/api';
import { useCan } from '../../stores/session-store';
import { useTemplates } from '../../stores/templates-store';
import { TemplateEditor } from './template-editor';
import { OPERATION_TYPE_LABEL } from './template-labels';
import { useVaultChanges } from '../../stores/vault-changes';

type Editing = { readonly template: TemplateView | undefined } | undefined;

/** Execution templates: the list (live, and the archived ones on request), and the editor (with history and dry run) for one of them. */
export function TemplatesView() {
  const { templates, error, load } = useTemplates();
  const canWrite = useCan('template.write');
  const [editing, setEditing] = useState<Editing>(undefined);
  const [notice, setNotice] = useState<{ readonly text: string; readonly failed: boolean } | undefined>(undefined);

  // A built-in cannot be renamed or deleted: a copy is how it is customised.
  async function duplicate(t: TemplateView) {
    const result = await api().call('template.duplicate', { id: t.id });
    if (!result.ok) {
      setNotice({ text: `${t.name} was not duplicated: ${result.error.message}`, failed: true });
      return;
    }
    setNotice({ text: `Duplicated ${t.name} as ${result.value.name}.`, failed: false });
    await load();
    setEditing({ template: result.value });
  }

  // Archive, restore and delete are RecordActions'; this view follows with its lists and a notice.
  const [showArchived, setShowArchived] = useState(false);
  const [refresh, setRefresh] = useState(0);
  function changed(text: string) {
    setNotice({ text, failed: false });
    setRefresh((n) => n + 1);
    void load();
  }
  const refused = (text: string) => setNotice({ text, failed: true });

  useEffect(() => {
    void load();
  }, [load]);
  useVaultChanges(['template'], () => void load());

  return (
    <section className="templates-view" aria-labelledby="templates-title">
      <ListSection
        titleId="templates-title"
        title="Templates"
        action={
          <>
            <button type="button" className="secondary" aria-pressed={showArchived} onClick={() => setShowArchived((v) => !v)}>
              Archived
            </button>
            {canWrite && (
              <button type="button" className="primary" onClick={() => setEditing({ template: undefined })}>
                New template
              </button>
            )}
          </>
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
              {canWrite && (
                <button type="button" className="link-button" aria-label={`Duplicate template ${t.name}`} onClick={() => void duplicate(t)}>
                  Duplicate
                </button>
              )}
              {/* A built-in cannot be deleted whatever depends on it (9018): its Delete is not offered. */}
              <RecordActions kind="template" id={t.id} name={t.name} archived={false} deletable={!t.builtin} onDone={changed} onError={refused} />
            </td>
          </tr>
        )}
      />
      {notice && (
        <p role={notice.failed ? 'alert' : 'status'} className={notice.failed ? 'form-error' : 'notice'}>
          {notice.text}
        </p>
      )}
      {showArchived && <ArchivedRecordsSection<TemplateView>
          kind="template"
          plural="templates"
          load={() => api().call('template.list', { archived: 'archived' })}
          nameHeader="Name"
          nameOf={(t) => t.name}
          deletable={(t) => !t.builtin}
          refresh={refresh}
          onDone={changed}
          onError={refused}
        />}
      {editing && <TemplateEditor template={editing.template} onSaved={() => void load()} onClose={() => setEditing(undefined)} />}
    </section>
  );
}
