import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../main/audit/verify-audit-chain';
import { keyFilePath } from '../../../main/vault/keys/key-file';
import { VaultKeyError } from '../../../main/vault/keys/vault-key-error';
import { createVault, openVault, openVaultWithDeviceKey } from '../../../main/vault/open-vault';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

const USERNAME = 'zelda.operator';
const HOSTNAME = 'db-primary-7.corp.example';
const PASSWORD = 'Tr0ub4dor&3-sentinel';
const PASSPHRASE = 'vault passphrase sentinel';

async function filesOf(dir: string): Promise<Buffer[]> {
  const paths = [join(dir, 'vault.db'), join(dir, 'vault.db-wal'), keyFilePath(dir)];
  return Promise.all(paths.filter((path) => existsSync(path)).map((path) => readFile(path)));
}

function expectAbsent(files: readonly Buffer[], needles: readonly string[]): void {
  for (const file of files) {
    for (const needle of needles) {
      for (const encoding of ['utf8', 'utf16le'] as const) {
        expect(file.includes(Buffer.from(needle, encoding)), `${needle} (${encoding}) found on disk`).toBe(false);
      }
    }
  }
}

describe('vault on disk', () => {
  it('creates a vault with its first administrator and an audit entry', async () => {
    const dir = tempDir();
    const vault = await createVault(dir, 'alice', PASSPHRASE);
    try {
      const users = await vault.database.db.selectFrom('users').select(['username', 'role', 'disabled']).execute();
      expect(users).toEqual([{ username: 'alice', role: 'administrator', disabled: 0 }]);
      const meta = await vault.database.db.selectFrom('meta').select(['key', 'value']).where('key', '=', 'vault_id').execute();
      expect(meta).toEqual([{ key: 'vault_id', value: vault.keys.vaultId }]);
      expect(await verifyAuditChain(vault.database.db)).toEqual({ ok: true, count: 1 });
      const sealed = vault.fields.seal(PASSWORD, { table: 'users', column: 'x', rowId: '1' });
      expect(vault.fields.open(sealed, { table: 'users', column: 'x', rowId: '1' })).toBe(PASSWORD);
    } finally {
      await vault.close();
    }
    expect(vault.keys.isLocked).toBe(true);
  });

  it('holds no seeded username, hostname, password or passphrase as plaintext', async () => {
    const dir = tempDir();
    const vault = await createVault(dir, USERNAME, PASSPHRASE);
    const { db } = vault.database;
    await sql`CREATE TABLE scratch_hosts (hostname TEXT, username TEXT, password TEXT)`.execute(db);
    // Many rows so that pages are certainly written to the WAL and, after checkpoint, the DB file.
    for (let i = 0; i < 200; i += 1) {
      await sql`INSERT INTO scratch_hosts VALUES (${HOSTNAME}, ${USERNAME}, ${PASSWORD})`.execute(db);
    }
    const whileOpen = await filesOf(dir);
    expect(whileOpen.length).toBe(3);
    expect(existsSync(join(dir, 'vault.db-wal'))).toBe(true);
    expectAbsent(whileOpen, [USERNAME, HOSTNAME, PASSWORD, PASSPHRASE]);
    await vault.close();
    expectAbsent(await filesOf(dir), [USERNAME, HOSTNAME, PASSWORD, PASSPHRASE]);

    // Sanity check of the check: the strings are really in there, readable with the key.
    const reopened = await openVault(dir, USERNAME, PASSPHRASE);
    try {
      const rows = await sql<{ n: number }>`SELECT count(*) AS n FROM scratch_hosts WHERE hostname = ${HOSTNAME} AND password = ${PASSWORD}`.execute(reopened.database.db);
      expect(rows.rows).toEqual([{ n: 200 }]);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a wrong passphrase and opens with the right one or a remembered device key', async () => {
    const dir = tempDir();
    const created = await createVault(dir, 'alice', PASSPHRASE);
    const deviceKey = created.keys.deviceKey();
    await created.close();

    const error = await openVault(dir, 'alice', 'not the passphrase').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VaultKeyError);
    expect((error as VaultKeyError).code).toBe('bad-credentials');

    const opened = await openVault(dir, 'ALICE', PASSPHRASE);
    await opened.close();
    const viaDevice = await openVaultWithDeviceKey(dir, 'alice', deviceKey);
    await viaDevice.close();
  });

  it('refuses a user whose account is disabled even with a valid slot', async () => {
    const dir = tempDir();
    const vault = await createVault(dir, 'alice', PASSPHRASE);
    await vault.keys.addSlot('bob', 'bob passphrase', true);
    await vault.database.db
      .insertInto('users')
      .values({ id: 'u-bob', username: 'bob', role: 'operator', created_at: new Date().toISOString(), disabled: 1 })
      .execute();
    await vault.close();
    await expect(openVault(dir, 'bob', 'bob passphrase')).rejects.toThrow(/disabled or no longer exists/);
  });

  it('refuses to create a second vault in the same directory and leaves the first intact', async () => {
    const dir = tempDir();
    await (await createVault(dir, 'alice', PASSPHRASE)).close();
    await expect(createVault(dir, 'bob', 'other')).rejects.toMatchObject({ code: 'vault-exists' });
    await (await openVault(dir, 'alice', PASSPHRASE)).close();
  });
});
