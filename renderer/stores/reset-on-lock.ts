/**
 * When the vault locks (on demand, after idle, or on sign-out), every store that holds vault data
 * must forget it. Stores register their reset here instead of the lock code knowing each store.
 */
const resets = new Set<() => void>();

export function resetOnLock(reset: () => void): void {
  resets.add(reset);
}

export function clearVaultState(): void {
  for (const reset of resets) reset();
}
