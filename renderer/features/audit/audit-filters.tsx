import { useEffect, useState, type FormEvent } from 'react';
import { EMPTY_AUDIT_FILTER, type AuditFilterForm } from '../../stores/audit-store';
import { TextField } from '../shared-ui/field';
import { FilterActions } from '../shared-ui/filter-actions';

/** Prefixes of the actions the core records, offered as suggestions: the action box matches by prefix. */
const ACTION_SUGGESTIONS = ['credential.', 'device.', 'operation.', 'bulk.', 'session.', 'settings.update', 'template.', 'policy.', 'import.', 'export.', 'audit.export', 'user.'];

interface AuditFiltersProps {
  readonly filter: AuditFilterForm;
  readonly onApply: (filter: AuditFilterForm) => void;
}

/** The viewer's filters; they apply on Apply (or Enter), so typing does not reload on every key. */
export function AuditFilters({ filter, onApply }: AuditFiltersProps) {
  const [draft, setDraft] = useState(filter);
  useEffect(() => setDraft(filter), [filter]);
  const update = (key: keyof AuditFilterForm) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const rangeError = draft.from !== '' && draft.to !== '' && draft.from > draft.to ? 'The end date is before the start date: swap them.' : undefined;

  function apply(event: FormEvent) {
    event.preventDefault();
    if (!rangeError) onApply(draft);
  }

  return (
    <form className="operation-filters" aria-label="Filter audit entries" onSubmit={apply}>
      <div className="filter-grid">
        <TextField label="User" value={draft.actor} onChange={update('actor')} placeholder="admin or system" />
        <TextField label="Action" value={draft.action} onChange={update('action')} list="audit-action-suggestions" placeholder="credential. (a prefix)" />
        <TextField label="Object type" value={draft.objectType} onChange={update('objectType')} placeholder="credential" />
        <TextField label="Object" value={draft.objectId} onChange={update('objectId')} placeholder="id or identifier" />
        <TextField label="From (UTC day)" type="date" value={draft.from} onChange={update('from')} />
        <TextField label="To (UTC day)" type="date" value={draft.to} onChange={update('to')} error={rangeError} />
      </div>
      <datalist id="audit-action-suggestions">
        {ACTION_SUGGESTIONS.map((action) => (
          <option key={action} value={action} />
        ))}
      </datalist>
      <div className="facet-bar">
        <FilterActions
          onClear={() => {
            setDraft(EMPTY_AUDIT_FILTER);
            onApply(EMPTY_AUDIT_FILTER);
          }}
        />
      </div>
    </form>
  );
}
