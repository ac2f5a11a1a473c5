import { useEffect, useState, type FormEvent } from 'react';
import { OPERATION_STATES, OPERATION_TYPES } from '../../../shared/contract/operation-channels';
import { EMPTY_OPERATION_FILTER, type OperationFilterForm } from '../../stores/operations-store';
import { TextField } from '../shared-ui/field';
import { ChoiceList } from './choice-list';
import { STATE_LABEL, TYPE_LABEL } from './operation-labels';
import { FilterActions } from '../shared-ui/filter-actions';

interface OperationFiltersProps {
  readonly filter: OperationFilterForm;
  readonly onApply: (filter: OperationFilterForm) => void;
}

type TextKey = { [K in keyof OperationFilterForm]-?: OperationFilterForm[K] extends string ? K : never }[keyof OperationFilterForm];

/**
 * Seed 000's filters for "List operations". They apply on "Apply filters" (or Enter), so typing in
 * one box does not reload the list on every key.
 */
export function OperationFilters({ filter, onApply }: OperationFiltersProps) {
  const [draft, setDraft] = useState<OperationFilterForm>(filter);
  useEffect(() => setDraft(filter), [filter]);

  const update = <K extends keyof OperationFilterForm>(key: K, value: OperationFilterForm[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const text = (key: TextKey, label: string, type: 'text' | 'date' = 'text', placeholder?: string) => (
    <TextField label={label} type={type} value={draft[key]} onChange={(v) => update(key, v)} placeholder={placeholder} />
  );

  function apply(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form className="operation-filters" aria-label="Filter operations" onSubmit={apply}>
      <div className="filter-grid">
        {text('code', 'Code', 'text', 'OP-000042')}
        {text('username', 'Username')}
        {text('device', 'Device', 'text', 'hostname or IP')}
        {text('vendor', 'Vendor')}
        {text('model', 'Model')}
        {text('website', 'Website', 'text', 'host or URL')}
        {text('tags', 'Device tags', 'text', 'whole tags, comma separated')}
        {text('requester', 'Requester')}
        {text('scheduledFrom', 'Scheduled from', 'date')}
        {text('scheduledTo', 'Scheduled to', 'date')}
        {text('executedFrom', 'Executed from', 'date')}
        {text('executedTo', 'Executed to', 'date')}
      </div>
      <div className="facet-bar">
        <ChoiceList label="State" options={OPERATION_STATES} labels={STATE_LABEL} chosen={draft.states} onChange={(v) => update('states', v)} />
        <ChoiceList label="Operation type" options={OPERATION_TYPES} labels={TYPE_LABEL} chosen={draft.types} onChange={(v) => update('types', v)} />
        <FilterActions
          onClear={() => {
            setDraft(EMPTY_OPERATION_FILTER);
            onApply(EMPTY_OPERATION_FILTER);
          }}
        />
      </div>
    </form>
  );
}
