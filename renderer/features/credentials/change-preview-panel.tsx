import type { FieldChange } from './change-preview';

interface ChangePreviewProps {
  readonly changes: readonly FieldChange[];
  readonly busy: boolean;
  readonly onBack: () => void;
  readonly onConfirm: () => void;
}

/** "These values will be replaced": each field From -> To, confirmed before the save is sent. */
export function ChangePreview({ changes, busy, onBack, onConfirm }: ChangePreviewProps) {
  return (
    <section className="change-preview" aria-label="Changes to save">
      <h3>Check the changes before saving</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field}>
              <th scope="row">{c.field}</th>
              <td>{c.from}</td>
              <td>{c.to}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-row-inline">
        <button type="button" className="secondary" onClick={onBack}>
          Back to editing
        </button>
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
          {busy ? 'Saving…' : 'Save these changes'}
        </button>
      </div>
    </section>
  );
}
