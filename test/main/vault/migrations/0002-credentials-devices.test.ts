import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migration0002CredentialsDevices } from '../../../../main/vault/migrations/0002-credentials-devices';

let raw: Database.Database;
let db: Kysely<unknown>;
beforeEach(() => {
  raw = new Database(':memory:');
  raw.pragma('foreign_keys = ON');
  db = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
});
afterEach(async () => db.destroy());

function objects(): string[] {
  // FTS5's shadow tables (credentials_fts_data, _idx, ...) are listed too: they are part of the schema.
  return (raw.prepare("select type || ':' || name as o from sqlite_master where name not like 'sqlite_%' order by o").all() as { o: string }[]).map((r) => r.o);
}

describe('migration 0002 credentials/devices', () => {
  it('is migration 2', () => {
    expect(migration0002CredentialsDevices.id).toBe(2);
    expect(migration0002CredentialsDevices.name).toBe('credentials-devices');
  });

  it('creates the tables, indexes, FTS table and triggers', async () => {
    await migration0002CredentialsDevices.up(db);
    const names = objects();
    for (const table of ['domains', 'devices', 'device_domains', 'device_types', 'device_vendors', 'device_models', 'device_sites', 'credentials', 'credential_tags', 'credentials_fts']) {
      expect(names).toContain(`table:${table}`);
    }
    for (const index of ['credentials_username', 'credentials_credential_type', 'credentials_domain', 'credentials_status', 'credentials_automatic_change', 'credentials_in_sync', 'credentials_last_changed_at', 'credentials_next_change_at', 'credential_tags_tag', 'devices_ip']) {
      expect(names).toContain(`index:${index}`);
    }
    for (const trigger of ['credentials_fts_insert', 'credentials_fts_update', 'credentials_fts_delete', 'devices_fts_update']) {
      expect(names).toContain(`trigger:${trigger}`);
    }
    const columns = (raw.prepare("select name from pragma_table_xinfo('credentials')").all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining([
      'identifier', 'kind', 'username', 'device_id', 'content', 'public_key', 'key_type', 'additional', 'tags', 'credential_type', 'domain',
      'parent_credential_id', 'session_remote_config', 'execution_settings', 'automatic_change', 'session_settings', 'jit_settings',
      'a2a_identifier', 'owner', 'server_path', 'totp_secret', 'criticality', 'additional_auth_fields', 'additional_auth_values', 'notes',
      'status', 'expires_at', 'in_sync', 'last_verified_at', 'last_changed_at', 'next_change_at', 'version', 'created_at', 'updated_at',
    ]));
  });

  it('is idempotent: running it again changes nothing and keeps data', async () => {
    await migration0002CredentialsDevices.up(db);
    raw.prepare("insert into domains(name, created_at) values ('lab.com', 'now')").run();
    const before = objects();
    await migration0002CredentialsDevices.up(db);
    expect(objects()).toEqual(before);
    expect(raw.prepare('select count(*) as n from domains').get()).toEqual({ n: 1 });
  });

  it('enforces its constraints and keeps FTS in sync through triggers', async () => {
    await migration0002CredentialsDevices.up(db);
    raw.prepare("insert into devices(hostname, ip, created_at, updated_at) values ('w2016', '10.66.33.15', 't', 't')").run();
    const insert = raw.prepare("insert into credentials(identifier, username, device_id, created_at, updated_at, execution_settings) values (?, ?, 1, 't', 't', ?)");
    insert.run('a', 'root', '{"automatic_change":true}');
    expect(() => insert.run('a', 'other', null)).toThrow(/UNIQUE/);
    expect(() => insert.run('b', 'root', null)).toThrow(/UNIQUE/); // same device + username + kind
    expect(() => raw.prepare("insert into credentials(identifier, username, device_id, created_at, updated_at) values ('c', 'x', 99, 't', 't')").run()).toThrow(/FOREIGN KEY/);
    expect(() => raw.prepare("update credentials set in_sync = 'maybe'").run()).toThrow(/CHECK/);
    expect(raw.prepare('select automatic_change, credential_type, status, in_sync, version from credentials').get()).toEqual({
      automatic_change: 1, credential_type: 'Local User', status: 'active', in_sync: 'unknown', version: 1,
    });
    const search = raw.prepare("select rowid from credentials_fts where credentials_fts match ?");
    expect(search.all('"w20"*')).toEqual([{ rowid: 1 }]);
    raw.prepare("update devices set hostname = 'srv-db' where id = 1").run();
    expect(search.all('"w20"*')).toEqual([]);
    expect(search.all('"srv"*')).toEqual([{ rowid: 1 }]);
    raw.prepare('delete from credentials').run();
    expect(search.all('"srv"*')).toEqual([]);
  });
});
