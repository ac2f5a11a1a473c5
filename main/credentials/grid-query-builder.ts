import type { SelectQueryBuilder } from 'kysely';
import type { CredentialsTables } from './credential-tables';

/** A grid query over credentials (alias c), with or without the device joins (d, t, v, m). */
export type GridQueryBuilder = SelectQueryBuilder<CredentialsTables & { c: CredentialsTables['credentials'] }, 'c', object>;

/** The same query once it selects the page's ids. */
export type GridIdsQuery = SelectQueryBuilder<CredentialsTables & { c: CredentialsTables['credentials'] }, 'c', { id: number }>;
