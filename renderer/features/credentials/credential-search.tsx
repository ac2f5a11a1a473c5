import { useState } from 'react';
import { useCredentials } from '../../stores/credentials-store';
import { useLeadingDebounce } from '../shared-ui/use-debounced-callback';

/** Bursts of typing within this window send one query; a lone keystroke queries at once. */
const SEARCH_DEBOUNCE_MS = 120;

/** As-you-type search: the box answers every keystroke, the query follows at most every 120 ms. */
export function CredentialSearch() {
  const stored = useCredentials((s) => s.search);
  const setSearch = useCredentials((s) => s.setSearch);
  const [text, setText] = useState(stored);
  const send = useLeadingDebounce(setSearch, SEARCH_DEBOUNCE_MS);
  return (
    <input
      type="search"
      className="grid-search"
      aria-label="Search credentials"
      placeholder="Search identifier, username, host, IP, tags…"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        send(e.target.value);
      }}
      onKeyDown={(e) => {
        // Down arrow continues into the results, as in a combobox.
        if (e.key === 'ArrowDown') {
          e.preventDefault();
          document.querySelector<HTMLElement>('.grid-scroller')?.focus();
        }
      }}
    />
  );
}
