import { sql } from 'kysely';
import type { Migration } from '../migration';
import { FTS_COLUMNS, FTS_SELECT } from './0002-credentials-devices';

/**
 * The credentials search index also keeps one-character prefixes (prefix = '1 2 3', was '2 3').
 * Without them a one-letter search ("h*") merges the lists of every term starting with that
 * letter, which at 1,000,000 credentials costs hundreds of milliseconds even for the grid's capped
 * count of 10,001 matches; with them it reads one list, lazily (a few milliseconds). The index
 * grows by about a tenth.
 *
 * FTS5 cannot change its options in place: the table is dropped and filled again from the same
 * columns the triggers of migration 0002 keep in it (they refer to it by name, so they go on
 * working). At 1,000,000 credentials this takes minutes, once.
 */
export const migration0017SearchOneLetterPrefix: Migration = {
  id: 17,
  name: 'search-one-letter-prefix',
  async up(db) {
    await sql`DROP TABLE credentials_fts`.execute(db);
    await sql`CREATE VIRTUAL TABLE credentials_fts USING fts5(
      identifier, username, hostname, ip, tags, domain, device_type, device_vendor, device_model,
      tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
    )`.execute(db);
    await sql.raw(`INSERT INTO credentials_fts(${FTS_COLUMNS}) ${FTS_SELECT}`).execute(db);
  },
};
