import { useEffect, useRef } from 'react';
import type { CredentialGridRow } from '../../../shared/domain/credential-grid-query';
import { loadedRows, useCredentials } from '../../stores/credentials-store';

interface CredentialShortcuts {
  /** The grid's active row, kept current by the grid. */
  readonly activeRow: () => CredentialGridRow | undefined;
  readonly onCopy?: ((row: CredentialGridRow) => void) | undefined;
  readonly onReset?: ((row: CredentialGridRow) => void) | undefined;
  /** Says what to do when no credential is selected or active. */
  readonly onNoTarget: () => void;
}

/** The credential a shortcut acts on: the one selected row, else the grid's active row. */
function target(activeRow: CredentialGridRow | undefined): CredentialGridRow | undefined {
  const { shown, selected } = useCredentials.getState();
  if (selected.size === 1) {
    const [id] = selected;
    const row = loadedRows(shown).find((entry) => entry.row.id === id)?.row;
    if (row) return row;
  }
  return activeRow;
}

/**
 * Ctrl+Shift+C copies the password of the selected (or active) credential and Ctrl+Shift+R opens
 * its Reset dialog, through the same callbacks as the row buttons. Not while a dialog is open: the
 * shortcut would act on a row hidden behind it.
 */
export function useCredentialShortcuts(shortcuts: CredentialShortcuts): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.altKey || event.defaultPrevented) return;
      const key = event.key.toLowerCase();
      if (key !== 'c' && key !== 'r') return;
      if (document.querySelector('[role="dialog"]')) return;
      const { activeRow, onCopy, onReset, onNoTarget } = latest.current;
      const action = key === 'c' ? onCopy : onReset;
      // Not taken for a role without the action: the key then does what the browser does.
      if (!action) return;
      event.preventDefault();
      const row = target(activeRow());
      if (row) action(row);
      else onNoTarget();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
