import { MAX_SELECTED_CREDENTIALS } from '../../../shared/domain/credential-selection';
import { useCredentials } from '../../stores/credentials-store';

const credentials = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'credential' : 'credentials'}`;

/**
 * Gmail's "select all N matching": after Ctrl+A has selected the loaded rows, the grid offers to
 * select everything the search and filters match; once taken, it says so and offers to clear.
 */
export function SelectAllMatching() {
  const { shown, generation, selected, allLoadedSelected, matching, selectAllMatching, setSelected } = useCredentials();
  const total = shown.generation === generation ? shown.total : undefined;

  if (matching) {
    return (
      <p className="grid-selection-banner" role="status" data-testid="selection-banner">
        All {credentials(matching.count)} matching this search and these filters are selected.{' '}
        <button type="button" className="link-button" onClick={() => setSelected(new Set())}>
          Clear selection
        </button>
      </p>
    );
  }
  if (!allLoadedSelected || total === undefined || total <= selected.size) return null;
  // A capped total (GRID_TOTAL_CAP) is not a count main could check the selection against: the store
  // replaces it by the exact count once all loaded rows are selected, and only that is offered or refused.
  const tooMany = total > MAX_SELECTED_CREDENTIALS;
  return (
    <p className="grid-selection-banner" role="status" data-testid="selection-banner">
      The {credentials(selected.size)} loaded so far are selected.{' '}
      {shown.totalCapped ? (
        <span>More than {credentials(total)} match; counting them all…</span>
      ) : tooMany ? (
        <span>
          {credentials(total)} match, more than the {MAX_SELECTED_CREDENTIALS.toLocaleString()} one request can cover: narrow the search or filters to select them all.
        </span>
      ) : (
        <button type="button" className="link-button" onClick={selectAllMatching}>
          Select all {credentials(total)} matching
        </button>
      )}
    </p>
  );
}
