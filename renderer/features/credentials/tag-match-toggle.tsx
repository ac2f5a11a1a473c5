import type { TagMatch } from '../../../shared/domain/credential-grid-query';
import { useCredentials } from '../../stores/credentials-store';

/** Says, and lets the user choose, how the chosen tags combine: any of them, or all of them. */
export function TagMatchToggle() {
  const { filters, setFilters } = useCredentials();
  const match: TagMatch = filters.tag_match ?? 'any';
  const choose = (next: TagMatch) => {
    if (next !== match) setFilters({ ...filters, tag_match: next === 'any' ? undefined : next });
  };
  return (
    <fieldset className="tag-match" aria-label="Tags match">
      <legend className="visually-hidden">Credentials with</legend>
      {(['any', 'all'] as const).map((value) => (
        <label key={value} className="tag-match-choice">
          <input type="radio" name="tag-match" value={value} checked={match === value} onChange={() => choose(value)} />
          {value === 'any' ? 'any of these tags' : 'all of these tags'}
        </label>
      ))}
    </fieldset>
  );
}
