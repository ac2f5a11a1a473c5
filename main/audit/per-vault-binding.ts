/** Any Kysely database or transaction. */
export interface KyselyHandle {
  getExecutor(): { readonly adapter: object };
}

export interface PerVaultBinding<T> {
  bind(db: KyselyHandle, value: T): void;
  of(db: KyselyHandle): T | undefined;
}

/**
 * A value bound to one open vault's database, reachable from any handle on it: every handle (the
 * database and each of its transactions) shares the dialect adapter, so the value is keyed by it
 * and nobody has to pass it down. Used for the audit signers and the audit listener.
 */
export function perVaultBinding<T>(): PerVaultBinding<T> {
  const bound = new WeakMap<object, T>();
  return {
    bind: (db, value) => void bound.set(db.getExecutor().adapter, value),
    of: (db) => bound.get(db.getExecutor().adapter),
  };
}
