import type { VisibilityState } from '@tanstack/react-table';
import { useId } from 'react';
import { GRID_COLUMNS } from './grid-columns';

interface ColumnChooserProps {
  readonly visibility: VisibilityState;
  readonly onChange: (visibility: VisibilityState) => void;
}

/** Which columns the grid shows; the identifier always is, so every row stays nameable. */
export function ColumnChooser({ visibility, onChange }: ColumnChooserProps) {
  const id = useId();
  return (
    <details className="column-chooser">
      <summary>Columns</summary>
      <fieldset className="facet-options">
        <legend className="visually-hidden">Columns shown</legend>
        {GRID_COLUMNS.filter((c) => c.id !== 'identifier').map((column) => (
          <div key={column.id} className="form-row-inline">
            <input
              id={`${id}-${column.id}`}
              type="checkbox"
              checked={visibility[column.id] !== false}
              onChange={(e) => onChange({ ...visibility, [column.id]: e.target.checked })}
            />
            <label htmlFor={`${id}-${column.id}`}>{column.label}</label>
          </div>
        ))}
      </fieldset>
    </details>
  );
}
