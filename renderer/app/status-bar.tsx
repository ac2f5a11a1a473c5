import { useCoreStatus } from '../stores/core-status-store';

const VAULT_LABEL = { absent: 'no vault yet', locked: 'locked', unlocked: 'unlocked' } as const;

/** Live facts from main: shown only once main has answered, never guessed by the renderer. */
export function StatusBar() {
  const { status, error } = useCoreStatus();
  return (
    <footer className="status-bar" role="status" aria-label="Core status" aria-live="polite">
      {error ? (
        <span className="status-error">Core unreachable: {error}</span>
      ) : status ? (
        <>
          <span data-testid="status-vault">Vault: {VAULT_LABEL[status.vault]}</span>
          <span data-testid="status-shell">Shell: {status.shell}</span>
          <span data-testid="status-version">pamdesk {status.version}</span>
          <span data-testid="status-runtime">{status.runtime}</span>
          <span data-testid="status-data-dir" title="Where this vault lives">
            Data: {status.dataDir}
          </span>
        </>
      ) : (
        <span>Connecting to the core…</span>
      )}
    </footer>
  );
}
