import type { VisibilityState } from '@tanstack/react-table';
import { DEFAULT_HIDDEN_COLUMNS, GRID_COLUMNS } from './grid-columns';

const KEY = 'pamdesk.credentials.columns';

/** Which grid columns are shown: a display preference (no vault data), kept in localStorage. */
export function loadColumnVisibility(): VisibilityState {
  const defaults: VisibilityState = Object.fromEntries(GRID_COLUMNS.map((c) => [c.id, !DEFAULT_HIDDEN_COLUMNS.includes(c.id)]));
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '{}');
    if (typeof stored !== 'object' || stored === null) return defaults;
    for (const [id, shown] of Object.entries(stored)) if (id in defaults && typeof shown === 'boolean') defaults[id] = shown;
  } catch {
    // A corrupt preference is not worth an error: the defaults are shown and the next change rewrites it.
  }
  defaults['identifier'] = true;
  return defaults;
}

export function saveColumnVisibility(visibility: VisibilityState): void {
  window.localStorage.setItem(KEY, JSON.stringify(visibility));
}
