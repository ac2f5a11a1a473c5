import { useState } from 'react';
import { useCredentials } from '../../stores/credentials-store';

/**
 * As-you-type search: every keystroke is a query at once. A burst does not flood main: the store
 * sends a new query only when no older one is still with main, and then only the newest (a 120 ms
 * debounce here put 120 ms on every last key of a burst).
 */
export function CredentialSearch() {
  const stored = useCredentials((s) => s.search);
  const setSearch = useCredentials((s) => s.setSearch);
  const [text, setText] = useState(stored);
  return (
    <input
      type="search"
      className="grid-search"
      aria-label="Search credentials"
      placeholder="Search identifier, username, host, IP, tags…"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        setSearch(e.target.value);
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
