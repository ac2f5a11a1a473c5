import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * Seed 000's "Website" filter. A device has no URL column: it is a website when it is reached over
 * HTTP or HTTPS (a connectivity such as "HTTPS:443") or when its hostname or IP was registered as a
 * URL ("https://portal.example.com"). This is the one definition of "the device's website".
 */
export function websiteMatches(alias: string, typed: string): RawBuilder<SqlBool> {
  const host = websiteHost(typed);
  const pattern = `%${escapeLike(host)}%`;
  const hostname = sql.ref(`${alias}.hostname`);
  const ip = sql.ref(`${alias}.ip`);
  // Connectivities are a normalised "protocol:port" comma list: a leading comma makes every entry
  // start with ",", so ",HTTP:" and ",HTTPS:" are whole protocols (not e.g. "XHTTP").
  const connectivities = sql`',' || upper(coalesce(${sql.ref(`${alias}.connectivities`)}, ''))`;
  return sql<SqlBool>`(
    (${connectivities} like '%,HTTP:%' or ${connectivities} like '%,HTTPS:%'
      or lower(${hostname}) like 'http://%' or lower(${hostname}) like 'https://%'
      or lower(${ip}) like 'http://%' or lower(${ip}) like 'https://%')
    and (${hostname} like ${pattern} escape '\\' or ${ip} like ${pattern} escape '\\')
  )`;
}

/** What people paste is often a whole URL: keep its host (and port), drop scheme, path and query. */
export function websiteHost(typed: string): string {
  const trimmed = typed.trim();
  const withoutScheme = trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return withoutScheme.split(/[/?#]/)[0]?.replace(/:\d+$/, '') ?? '';
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
