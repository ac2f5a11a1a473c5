import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migration';

/**
 * Domains, devices and credentials (seed 004's fields), with the grid's indexes and an FTS5 search
 * index kept in sync by triggers, so any writer (the upsert service, the rotation runner, a future
 * import) keeps search correct without remembering to.
 *
 * Every statement is IF NOT EXISTS: a re-run after a crash between DDL and the runner's bookkeeping
 * is harmless.
 */

// The text the FTS row of credential `c` holds; shared by the insert and both update triggers, and
// by migration 0017, which rebuilds the index from it.
export const FTS_COLUMNS =
  'rowid, identifier, username, hostname, ip, tags, domain, device_type, device_vendor, device_model';
export const FTS_SELECT = `
  SELECT c.id, c.identifier, c.username, d.hostname, d.ip, c.tags, c.domain, t.name, v.name, m.name
  FROM credentials c
  JOIN devices d ON d.id = c.device_id
  LEFT JOIN device_types t ON t.id = d.type_id
  LEFT JOIN device_vendors v ON v.id = d.vendor_id
  LEFT JOIN device_models m ON m.id = d.model_id`;

async function createLookupTable(db: Kysely<any>, name: string): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  await db.schema
    .createTable(name)
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique().modifyEnd(sql`collate nocase`))
    .execute();
}

async function up(db: Kysely<any>): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  await db.schema
    .createTable('domains')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    // NOCASE: DNS names are case-insensitive, so "Lab.com" and "lab.com" are one domain.
    .addColumn('name', 'text', (c) => c.notNull().unique().modifyEnd(sql`collate nocase`))
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  for (const table of ['device_types', 'device_vendors', 'device_models', 'device_sites']) {
    await createLookupTable(db, table);
  }

  await db.schema
    .createTable('devices')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('hostname', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('type_id', 'integer', (c) => c.references('device_types.id'))
    .addColumn('vendor_id', 'integer', (c) => c.references('device_vendors.id'))
    .addColumn('model_id', 'integer', (c) => c.references('device_models.id'))
    .addColumn('site_id', 'integer', (c) => c.references('device_sites.id'))
    .addColumn('tags', 'text')
    .addColumn('connectivities', 'text')
    .addColumn('host_key_fingerprint', 'text', (c) =>
      c.check(sql`host_key_fingerprint is null or host_key_fingerprint like 'SHA256:%'`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('devices_hostname_ip_unique', ['hostname', 'ip'])
    .execute();
  await db.schema.createIndex('devices_ip').ifNotExists().on('devices').column('ip').execute();
  await db.schema.createIndex('devices_type_id').ifNotExists().on('devices').column('type_id').execute();

  await db.schema
    .createTable('device_domains')
    .ifNotExists()
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('domain_id', 'integer', (c) => c.notNull().references('domains.id').onDelete('restrict'))
    .addPrimaryKeyConstraint('device_domains_pk', ['device_id', 'domain_id'])
    .execute();
  await db.schema
    .createIndex('device_domains_domain_id')
    .ifNotExists()
    .on('device_domains')
    .column('domain_id')
    .execute();

  await db.schema
    .createTable('credentials')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('identifier', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) =>
      c.notNull().defaultTo('password').check(sql`kind in ('password', 'ssh_key', 'pin')`),
    )
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id').onDelete('restrict'))
    .addColumn('content', 'blob')
    .addColumn('public_key', 'text')
    .addColumn('key_type', 'text')
    .addColumn('additional', 'text')
    .addColumn('tags', 'text')
    .addColumn('credential_type', 'text', (c) => c.notNull().defaultTo('Local User'))
    .addColumn('domain', 'text')
    .addColumn('parent_credential_id', 'integer', (c) =>
      c.references('credentials.id').onDelete('set null'),
    )
    .addColumn('session_remote_config', 'text')
    .addColumn('execution_settings', 'text', (c) => c.check(sql`execution_settings is null or json_valid(execution_settings)`))
    // Derived so that no writer can let the grid's filter disagree with the settings it shows.
    .addColumn('automatic_change', 'integer', (c) =>
      c.generatedAlwaysAs(sql`coalesce(json_extract(execution_settings, '$.automatic_change'), 0)`),
    )
    .addColumn('session_settings', 'text', (c) => c.check(sql`session_settings is null or json_valid(session_settings)`))
    .addColumn('jit_settings', 'text', (c) => c.check(sql`jit_settings is null or json_valid(jit_settings)`))
    .addColumn('a2a_identifier', 'text')
    .addColumn('owner', 'text')
    .addColumn('server_path', 'text')
    .addColumn('totp_secret', 'blob')
    .addColumn('criticality', 'text', (c) => c.check(sql`criticality in ('low', 'medium', 'high')`))
    .addColumn('additional_auth_fields', 'text')
    .addColumn('additional_auth_values', 'blob')
    .addColumn('notes', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'inactive')`),
    )
    .addColumn('expires_at', 'text')
    .addColumn('in_sync', 'text', (c) =>
      c.notNull().defaultTo('unknown').check(sql`in_sync in ('unknown', 'InSync', 'NotInSync')`),
    )
    .addColumn('last_verified_at', 'text')
    .addColumn('last_changed_at', 'text')
    .addColumn('next_change_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // Seed 004 finds a credential by hostname + ip + username; kind lets one account have both a
    // password and an SSH key on the same device.
    .addUniqueConstraint('credentials_device_username_kind', ['device_id', 'username', 'kind'])
    .execute();

  // One index per grid sort/filter column. SQLite appends the rowid (= id) to every index, so
  // "ORDER BY col, id" walks the index without a sort step.
  const indexed = [
    'username',
    'credential_type',
    'domain',
    'status',
    'automatic_change',
    'in_sync',
    'last_changed_at',
    'next_change_at',
    'parent_credential_id',
    'expires_at',
  ] as const;
  for (const column of indexed) {
    await db.schema
      .createIndex(`credentials_${column}`)
      .ifNotExists()
      .on('credentials')
      .column(column)
      .execute();
  }

  await db.schema
    .createTable('credential_tags')
    .ifNotExists()
    .addColumn('credential_id', 'integer', (c) => c.notNull().references('credentials.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('credential_tags_pk', ['credential_id', 'tag'])
    .execute();
  await db.schema
    .createIndex('credential_tags_tag')
    .ifNotExists()
    .on('credential_tags')
    .columns(['tag', 'credential_id'])
    .execute();

  // prefix='2 3' keeps as-you-type prefix queries ("w20*") off a full token scan.
  await sql`create virtual table if not exists credentials_fts using fts5(
    identifier, username, hostname, ip, tags, domain, device_type, device_vendor, device_model,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
  )`.execute(db);

  await sql
    .raw(
      `create trigger if not exists credentials_fts_insert after insert on credentials begin
         insert into credentials_fts(${FTS_COLUMNS}) ${FTS_SELECT} where c.id = new.id;
       end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger if not exists credentials_fts_update
       after update of identifier, username, device_id, tags, domain on credentials begin
         delete from credentials_fts where rowid = old.id;
         insert into credentials_fts(${FTS_COLUMNS}) ${FTS_SELECT} where c.id = new.id;
       end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger if not exists credentials_fts_delete after delete on credentials begin
         delete from credentials_fts where rowid = old.id;
       end`,
    )
    .execute(db);
  // Lookup rows are insert-only (a new value creates a new row), so renames cannot happen there;
  // a device's hostname, ip or lookup ids can change, and every credential on it is re-indexed.
  await sql
    .raw(
      `create trigger if not exists devices_fts_update
       after update of hostname, ip, type_id, vendor_id, model_id on devices begin
         delete from credentials_fts where rowid in (select id from credentials where device_id = new.id);
         insert into credentials_fts(${FTS_COLUMNS}) ${FTS_SELECT} where c.device_id = new.id;
       end`,
    )
    .execute(db);
}

export const migration0002CredentialsDevices: Migration = {
  id: 2,
  name: 'credentials-devices',
  up,
};
