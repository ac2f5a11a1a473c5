import { randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';
import { openVaultDatabase } from '../../main/vault/database/open-vault-database';
import type { VaultDatabaseHandle } from '../../main/vault/database/open-vault-database';
import { useTempDirs } from './temp-dir';

/** A fresh, fully migrated encrypted vault database per call (real SQLite, random key), closed after each test. */
export function useScratchVaultDatabase(): () => Promise<VaultDatabaseHandle> {
  const tempDir = useTempDirs();
  const open: VaultDatabaseHandle[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((handle) => handle.close()));
  });
  return async () => {
    const handle = await openVaultDatabase(tempDir('pamdesk-db-'), randomBytes(32), { mode: 'create' });
    open.push(handle);
    return handle;
  };
}
