import { useCredentials, type GridFilters } from '../../stores/credentials-store';

type LinkedKey = 'changed_since' | 'expired_as_of' | 'last_change_failed';

const when = (iso: string): string => new Date(iso).toLocaleString();

/** How each dashboard-only filter reads; the facet menus have no control for these. */
const LINKED: readonly { readonly key: LinkedKey; readonly text: (filters: GridFilters) => string | undefined }[] = [
  { key: 'changed_since', text: (f) => (f.changed_since ? `Changed since ${when(f.changed_since)}` : undefined) },
  { key: 'expired_as_of', text: (f) => (f.expired_as_of ? `Expired as of ${when(f.expired_as_of)}` : undefined) },
  { key: 'last_change_failed', text: (f) => (f.last_change_failed ? 'Last change failed' : undefined) },
];

/**
 * The filters a dashboard figure applied that the facet menus cannot show, each with a button to
 * remove it: without them the list would look unfiltered but be short.
 */
export function LinkedFilters() {
  const { filters, setFilters } = useCredentials();
  const active = LINKED.flatMap(({ key, text }) => {
    const label = text(filters);
    return label === undefined ? [] : [{ key, label }];
  });
  if (active.length === 0) return null;
  return (
    <ul className="linked-filters" aria-label="Filters from the dashboard">
      {active.map(({ key, label }) => (
        <li key={key} className="filter-chip">
          {label}
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove filter: ${label}`}
            // undefined means "no filter": JSON drops it from the query.
            onClick={() => setFilters({ ...filters, [key]: undefined })}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
