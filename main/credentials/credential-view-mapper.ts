import { CompiledQuery, type Kysely, type Selectable } from 'kysely';
import {
  executionSettingsSchema,
  jitSettingsSchema,
  sessionSettingsSchema,
  additionalAuthenticationFieldSchema,
} from '../../shared/domain/credential-settings';
import type { CredentialView } from '../../shared/domain/credential-view';
import { parseTagList } from '../../shared/domain/tag-list';
import type { z } from 'zod';
import type { CredentialsTable, CredentialsTables } from './credential-tables';

export type CredentialRow = Selectable<CredentialsTable> & { readonly hostname: string; readonly ip: string };

/** Loads a credential row with its device's hostname and ip; undefined when absent. */
export async function loadCredentialRow(
  db: Kysely<CredentialsTables>,
  ref: { readonly id: number } | { readonly identifier: string },
): Promise<CredentialRow | undefined> {
  const base = db
    .selectFrom('credentials as c')
    .innerJoin('devices as d', 'd.id', 'c.device_id')
    .selectAll('c')
    .select(['d.hostname', 'd.ip']);
  return 'id' in ref
    ? base.where('c.id', '=', ref.id).executeTakeFirst()
    : base.where('c.identifier', '=', ref.identifier).executeTakeFirst();
}

/**
 * Many credentials in one query (bulk review and apply), with their devices; ids not found are
 * simply absent. One statement for up to 30,000 ids (SQLite's bound-parameter limit is 32,766).
 */
export async function loadCredentialRows(db: Kysely<CredentialsTables>, ids: readonly number[]): Promise<readonly CredentialRow[]> {
  if (ids.length === 0) return [];
  const rows: CredentialRow[] = [];
  for (let i = 0; i < ids.length; i += 30_000) {
    rows.push(
      ...(await db
        .selectFrom('credentials as c')
        .innerJoin('devices as d', 'd.id', 'c.device_id')
        .selectAll('c')
        .select(['d.hostname', 'd.ip'])
        .where('c.id', 'in', ids.slice(i, i + 30_000))
        .execute()),
    );
  }
  return rows;
}

/** The credential columns a view shows; the sealed ones (content, TOTP secret) it only says are set. */
const VIEW_COLUMNS = [
  'id', 'identifier', 'kind', 'username', 'device_id', 'public_key', 'key_type', 'additional', 'tags', 'credential_type', 'domain',
  'parent_credential_id', 'session_remote_config', 'execution_settings', 'session_settings', 'jit_settings', 'a2a_identifier', 'owner',
  'server_path', 'criticality', 'additional_auth_fields', 'notes', 'needs_human_interaction', 'status', 'expires_at', 'in_sync',
  'last_verified_at', 'last_changed_at', 'next_change_at', 'version', 'created_at', 'updated_at', 'archived_at',
] as const satisfies readonly (keyof CredentialsTable)[];

/** What a view is made of without reading a sealed column: whether content and a TOTP secret are set. */
export type CredentialViewRow = Pick<CredentialRow, (typeof VIEW_COLUMNS)[number] | 'hostname' | 'ip'> & { readonly has_content: boolean; readonly has_totp_secret: boolean };

const VIEWS_PER_QUERY = 5000;
const VIEW_ROW_JSON = `json_object(${[
  ...VIEW_COLUMNS.map((column) => `'${column}', c.${column}`),
  `'hostname', d.hostname`,
  `'ip', d.ip`,
  `'has_content', json(iif(c.content is null, 'false', 'true'))`,
  `'has_totp_secret', json(iif(c.totp_secret is null, 'false', 'true'))`,
].join(', ')})`;

/**
 * The views of many credentials (bulk review and approval: up to 100,000), ids not found simply
 * absent. Each query returns its rows as one JSON array built by SQLite: the driver turns a result
 * row into a JS object column by column, which for 35 columns and 100,000 rows takes seconds, while
 * JSON.parse builds the same objects in a fraction of that. No sealed column is read (a view never
 * shows one), so no secret is copied out of the database for it.
 */
export async function loadCredentialViews(db: Kysely<CredentialsTables>, ids: readonly number[]): Promise<CredentialView[]> {
  const views: CredentialView[] = [];
  for (let i = 0; i < ids.length; i += VIEWS_PER_QUERY) {
    const part = ids.slice(i, i + VIEWS_PER_QUERY);
    const query = `select json_group_array(${VIEW_ROW_JSON}) as rows from credentials c join devices d on d.id = c.device_id where c.id in (${part.map(() => '?').join(',')})`;
    const result = await db.executeQuery<{ rows: string }>(CompiledQuery.raw(query, [...part]));
    for (const row of JSON.parse(result.rows[0]?.rows ?? '[]') as CredentialViewRow[]) views.push(toCredentialView(row));
  }
  return views;
}

// Stored JSON was validated on the way in; a row that no longer parses (hand-edited DB, a future
// field) shows as null rather than breaking the whole grid or editor.
function parseJson<T extends z.ZodType>(schema: T, text: string | null): z.output<T> | null {
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const authFieldNamesSchema = additionalAuthenticationFieldSchema.omit({ value: true }).array();

export function toCredentialView(row: CredentialRow | CredentialViewRow): CredentialView {
  return {
    id: row.id,
    identifier: row.identifier,
    kind: row.kind,
    username: row.username,
    device_id: row.device_id,
    hostname: row.hostname,
    ip: row.ip,
    has_content: 'has_content' in row ? row.has_content : row.content !== null,
    public_key: row.public_key,
    key_type: row.key_type,
    additional: row.additional,
    tags: parseTagList(row.tags),
    credential_type: row.credential_type,
    domain: row.domain,
    parent_credential_id: row.parent_credential_id,
    session_remote_config: row.session_remote_config,
    execution_settings: parseJson(executionSettingsSchema, row.execution_settings),
    session_settings: parseJson(sessionSettingsSchema, row.session_settings),
    additional_settings: {
      identifier: row.a2a_identifier,
      user_credential_owner: row.owner,
      server_path: row.server_path,
      criticality: row.criticality,
      additional_authentication_fields: parseJson(authFieldNamesSchema, row.additional_auth_fields) ?? [],
      has_secret_key: 'has_totp_secret' in row ? row.has_totp_secret : row.totp_secret !== null,
    },
    notes: row.notes,
    jit_settings: parseJson(jitSettingsSchema, row.jit_settings),
    needs_human_interaction: row.needs_human_interaction === 1,
    status: row.status,
    expires_at: row.expires_at,
    in_sync: row.in_sync,
    last_verified_at: row.last_verified_at,
    last_changed_at: row.last_changed_at,
    next_change_at: row.next_change_at,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
    archived_at: row.archived_at,
  };
}
