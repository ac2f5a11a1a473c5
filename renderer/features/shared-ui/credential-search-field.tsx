import type { CredentialSearch } from './use-credential-search';

/** The search box of a credential picker, with its error and loading states. */
export function CredentialSearchField({ state, className }: { readonly state: CredentialSearch; readonly className?: string }) {
  return (
    <>
      <input
        type="search"
        className={className}
        aria-label="Search eligible credentials"
        placeholder="Search identifier, username, host, IP, tags…"
        value={state.search}
        data-autofocus
        onChange={(e) => state.type(e.target.value)}
      />
      {state.error && (
        <p role="alert" className="form-error">
          {state.error}
        </p>
      )}
      {state.page === undefined && !state.error && <p className="muted">Loading credentials…</p>}
    </>
  );
}
