import type { VisibilityState } from '@tanstack/react-table';
import { useId } from 'react';
import { useDismissablePopover } from './use-dismissable-popover';
import type { LayoutColumn } from './use-table-layout';

interface ColumnChooserProps {
  /** Which table this chooses for, in its accessible name ("Columns of Operations"). */
  readonly tableName: string;
  readonly columns: readonly LayoutColumn[];
  readonly visibility: VisibilityState;
  readonly onChange: (visibility: VisibilityState) => void;
}

/** Which columns a table shows; required columns (the row's name, state, actions) always are. */
export function ColumnChooser({ tableName, columns, visibility, onChange }: ColumnChooserProps) {
  const id = useId();
  const popover = useDismissablePopover();
  return (
    <details className="column-chooser" ref={popover}>
      <summary aria-label={`Columns of ${tableName}`}>Columns</summary>
      <fieldset className="facet-options">
        <legend className="visually-hidden">Columns shown</legend>
        {columns
          .filter((c) => c.required !== true)
          .map((column) => (
            <div key={column.id} className="form-row-inline">
              <input id={`${id}-${column.id}`} type="checkbox" checked={visibility[column.id] !== false} onChange={(e) => onChange({ ...visibility, [column.id]: e.target.checked })} />
              <label htmlFor={`${id}-${column.id}`}>{column.label}</label>
            </div>
          ))}
      </fieldset>
    </details>
  );
}
