import { ARCHIVE_FILTERS } from './archive';
import { z } from 'zod';
import { CREDENTIAL_STATUSES, IN_SYNC_STATES, type CredentialKind, type CredentialStatus, type InSyncState } from './credential-kind';

/** Columns the credentials grid can sort by; each maps to an indexed SQL expression in main. */
export const CREDENTIAL_SORT_COLUMNS = [
  'identifier',
  'username',
  'hostname',
  'ip',
  'credential_type',
  'domain',
  'device_type',
  'device_vendor',
  'device_model',
  'status',
  'automatic_change',
  'in_sync',
  'last_changed_at',
  'next_change_at',
] as const;
export type CredentialSortColumn = (typeof CREDENTIAL_SORT_COLUMNS)[number];

export const MAX_GRID_PAGE = 500;

/**
 * A capped total stops counting here: past it the grid says "more than 10,000" instead of making
 * main count up to a million matches on every keystroke.
 */
export const GRID_TOTAL_CAP = 10_000;

/** 'exact' counts every match; 'capped' stops at GRID_TOTAL_CAP (see CredentialGridPage.total_capped). */
export const GRID_COUNTS = ['exact', 'capped'] as const;

/** "Any of these tags" or "all of these tags". */
export const TAG_MATCHES = ['any', 'all'] as const;
export type TagMatch = (typeof TAG_MATCHES)[number];

const nonEmpty = z.array(z.string()).max(200).optional();

/**
 * Every filter narrows by "any of the listed values"; filters combine with AND. An empty or absent
 * list does not filter.
 */
export const credentialGridQuerySchema = z.object({
  search: z.string().max(200).optional(),
  sort: z
    .object({ column: z.enum(CREDENTIAL_SORT_COLUMNS), direction: z.enum(['asc', 'desc']) })
    .optional(),
  filters: z
    .object({
      /** credential_type values. */
      type: nonEmpty,
      domain: nonEmpty,
      device_type: nonEmpty,
      /** A credential matches when it carries at least one of these tags, or all of them (tag_match). */
      tags: nonEmpty,
      /** How `tags` combine: 'any' (the default) or 'all'. The filter bar shows and switches it. */
      tag_match: z.enum(TAG_MATCHES).optional(),
      status: z.array(z.enum(CREDENTIAL_STATUSES)).optional(),
      automatic_change: z.boolean().optional(),
      in_sync: z.array(z.enum(IN_SYNC_STATES)).optional(),
      /** Dashboard links: changed at or after this instant (ISO). */
      changed_since: z.iso.datetime({ offset: true }).optional(),
      /** Dashboard links: its expiry date or its policy's next change time is at or before this instant. */
      expired_as_of: z.iso.datetime({ offset: true }).optional(),
      /** Dashboard links: the last change operation with a result ended Error or Unverified. */
      last_change_failed: z.boolean().optional(),
    })
    .optional(),
  /** Live credentials (the default) or the archived ones, to find and restore them. */
  archived: z.enum(ARCHIVE_FILTERS).optional(),
  /** How far to count the matches; 'exact' (the default) for callers that act on the total. */
  count: z.enum(GRID_COUNTS).default('exact'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(MAX_GRID_PAGE).default(100),
});

export type CredentialGridQuery = z.input<typeof credentialGridQuerySchema>;
export type ParsedCredentialGridQuery = z.output<typeof credentialGridQuerySchema>;

export interface CredentialGridRow {
  readonly id: number;
  readonly identifier: string;
  readonly kind: CredentialKind;
  readonly username: string;
  readonly hostname: string;
  readonly ip: string;
  readonly credential_type: string;
  readonly domain: string | null;
  readonly device_type: string | null;
  readonly device_vendor: string | null;
  readonly device_model: string | null;
  readonly tags: readonly string[];
  readonly status: CredentialStatus;
  readonly automatic_change: boolean;
  readonly in_sync: InSyncState;
  readonly last_changed_at: string | null;
  readonly next_change_at: string | null;
}

export interface CredentialGridPage {
  /** The number of matches; with total_capped, GRID_TOTAL_CAP and more match. */
  readonly total: number;
  /** True when a 'capped' count stopped: more than `total` credentials match. */
  readonly total_capped: boolean;
  readonly rows: readonly CredentialGridRow[];
}

export interface FacetValue {
  readonly value: string;
  readonly count: number;
}

export interface CredentialFacets {
  readonly types: readonly FacetValue[];
  readonly domains: readonly FacetValue[];
  readonly tags: readonly FacetValue[];
  readonly device_types: readonly FacetValue[];
  readonly statuses: readonly FacetValue[];
  readonly in_sync: readonly FacetValue[];
}
