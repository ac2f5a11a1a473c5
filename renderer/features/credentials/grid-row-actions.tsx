import type { MouseEvent } from 'react';
import type { CredentialGridRow } from '../../../shared/domain/credential-grid-query';
import { REQUEST_HINT, REQUEST_LABEL, type CredentialRequest } from '../operations/request-operation';

interface GridRowActionsProps {
  readonly row: CredentialGridRow;
  readonly canReveal: boolean;
  readonly onOpen: (row: CredentialGridRow, reveal?: boolean) => void;
  readonly onCopy: (row: CredentialGridRow) => void;
  readonly onReset?: ((row: CredentialGridRow) => void) | undefined;
  /** Verify / Reconcile; absent for roles that cannot request operations. */
  readonly onRequest?: ((row: CredentialGridRow, kind: CredentialRequest) => void) | undefined;
}

/**
 * Pointer shortcuts on each row. They are out of the tab order (tabIndex -1) so the grid stays one
 * tab stop; keyboard users press Enter on the row and find the same actions in its details dialog.
 */
export function GridRowActions({ row, canReveal, onOpen, onCopy, onReset, onRequest }: GridRowActionsProps) {
  const stop = (run: () => void) => (event: MouseEvent) => {
    event.stopPropagation();
    run();
  };
  return (
    <span className="row-actions">
      <button type="button" tabIndex={-1} className="link-button" aria-label={`Open ${row.identifier}`} onClick={stop(() => onOpen(row))}>
        Open
      </button>
      {canReveal && (
        <>
          <button type="button" tabIndex={-1} className="link-button" aria-label={`Reveal ${row.identifier}`} onClick={stop(() => onOpen(row, true))}>
            Reveal
          </button>
          <button type="button" tabIndex={-1} className="link-button" aria-label={`Copy password of ${row.identifier}`} title="Copy the password to the clipboard" onClick={stop(() => onCopy(row))}>
            Copy
          </button>
        </>
      )}
      {onReset && (
        <button type="button" tabIndex={-1} className="link-button" aria-label={`Reset credential ${row.identifier}`} onClick={stop(() => onReset(row))}>
          Reset
        </button>
      )}
      {onRequest &&
        (['verify', 'reconcile'] as const).map((kind) => (
          <button key={kind} type="button" tabIndex={-1} className="link-button" title={REQUEST_HINT[kind]} aria-label={`${REQUEST_LABEL[kind]} ${row.identifier}`} onClick={stop(() => onRequest(row, kind))}>
            {REQUEST_LABEL[kind]}
          </button>
        ))}
    </span>
  );
}
