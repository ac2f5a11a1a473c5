import { useId } from 'react';
import type { FacetValue } from '../../../shared/domain/credential-grid-query';
import { CREDENTIAL_STATUSES, IN_SYNC_STATES, type CredentialStatus, type InSyncState } from '../../../shared/domain/credential-kind';
import { hasFilters, useCredentials, type GridFilters } from '../../stores/credentials-store';
import { LinkedFilters } from './linked-filters';
import { TagMatchToggle } from './tag-match-toggle';
import { useDismissablePopover } from '../shared-ui/use-dismissable-popover';

type ListFilter = 'type' | 'domain' | 'tags' | 'status' | 'in_sync';

function FacetList({ label, values, chosen, onChange }: { readonly label: string; readonly values: readonly FacetValue[]; readonly chosen: readonly string[]; readonly onChange: (next: string[]) => void }) {
  const popover = useDismissablePopover();
  const id = useId();
  return (
    <details className="facet" ref={popover}>
      <summary>
        {label}
        {chosen.length > 0 && <span className="facet-count"> ({chosen.length})</span>}
      </summary>
      <fieldset className="facet-options">
        <legend className="visually-hidden">{label}</legend>
        {values.length === 0 && <p className="muted">No values yet.</p>}
        {values.map((v, i) => (
          <div key={v.value} className="form-row-inline">
            <input
              id={`${id}-${i}`}
              type="checkbox"
              checked={chosen.includes(v.value)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, v.value] : chosen.filter((c) => c !== v.value))}
            />
            <label htmlFor={`${id}-${i}`}>
              {v.value} <span className="muted">({v.count})</span>
            </label>
          </div>
        ))}
      </fieldset>
    </details>
  );
}

/** Facet filters from 'credential.facets'; each narrows by "any of" (tags: any or all, as chosen), and they combine with AND. */
export function FacetFilters() {
  const { facets, filters, setFilters } = useCredentials();
  const set = (key: ListFilter, values: string[]) => {
    const next: GridFilters = { ...filters };
    // An empty list means "no filter": undefined, which JSON drops from the query.
    if (key === 'status') next.status = values.length ? values.filter((v): v is CredentialStatus => (CREDENTIAL_STATUSES as readonly string[]).includes(v)) : undefined;
    else if (key === 'in_sync') next.in_sync = values.length ? values.filter((v): v is InSyncState => (IN_SYNC_STATES as readonly string[]).includes(v)) : undefined;
    else next[key] = values.length ? values : undefined;
    setFilters(next);
  };
  const autoId = useId();
  const active = hasFilters(filters);
  return (
    <div className="facet-bar" role="group" aria-label="Filters">
      <FacetList label="Type" values={facets?.types ?? []} chosen={filters.type ?? []} onChange={(v) => set('type', v)} />
      <FacetList label="Domain" values={facets?.domains ?? []} chosen={filters.domain ?? []} onChange={(v) => set('domain', v)} />
      <FacetList label="Tags" values={facets?.tags ?? []} chosen={filters.tags ?? []} onChange={(v) => set('tags', v)} />
      <TagMatchToggle />
      <FacetList label="Status" values={facets?.statuses ?? []} chosen={filters.status ?? []} onChange={(v) => set('status', v)} />
      <FacetList label="InSync" values={facets?.in_sync ?? []} chosen={filters.in_sync ?? []} onChange={(v) => set('in_sync', v)} />
      <span className="facet-select">
        <label htmlFor={autoId}>Automatic change</label>
        <select
          id={autoId}
          value={filters.automatic_change === undefined ? '' : String(filters.automatic_change)}
          onChange={(e) => {
            const next: GridFilters = { ...filters };
            if (e.target.value === '') delete next.automatic_change;
            else next.automatic_change = e.target.value === 'true';
            setFilters(next);
          }}
        >
          <option value="">Any</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      </span>
      <LinkedFilters />
      {active && (
        <button type="button" className="link-button" onClick={() => setFilters({})}>
          Clear filters
        </button>
      )}
    </div>
  );
}
