/**
 * Archive and delete (issue 12): the four kinds of record that can be archived (hidden from lists,
 * pickers, counts and the runner's triggers; kept with history and audit; restorable) and, by an
 * administrator, deleted once nothing depends on them.
 */
export const ARCHIVABLE_KINDS = ['credential', 'device', 'template', 'policy'] as const;
export type ArchivableKind = (typeof ARCHIVABLE_KINDS)[number];

/** Which rows a list shows: the live ones (the default everywhere) or the archived ones. */
export const ARCHIVE_FILTERS = ['live', 'archived'] as const;
export type ArchiveFilter = (typeof ARCHIVE_FILTERS)[number];

export interface DependentRef {
  readonly id: number;
  /** An identifier, hostname (ip), template or policy name: what the operator knows it by. */
  readonly name: string;
  readonly archived: boolean;
}

export interface OpenOperationRef {
  readonly code: string;
  readonly state: string;
  readonly credential: string;
}

/** What depends on one record: shown in the delete confirmation and named by a refusal. */
export interface DependencySummary {
  readonly kind: ArchivableKind;
  readonly id: number;
  readonly name: string;
  readonly archived: boolean;
  /** Credentials on the device, using the template or policy, or children of / named by the credential. */
  readonly credentials: readonly DependentRef[];
  readonly openOperations: readonly OpenOperationRef[];
  /** A rule that refuses deletion whatever depends on it (a built-in template), else null. */
  readonly undeletableBecause: string | null;
}

/** Archive needs no live dependents and no open operation; delete needs no dependents at all. */
export function archiveBlockers(summary: DependencySummary): readonly DependentRef[] {
  return summary.credentials.filter((c) => !c.archived);
}

export const KIND_LABELS: Readonly<Record<ArchivableKind, string>> = {
  credential: 'credential',
  device: 'device',
  template: 'template',
  policy: 'policy',
};
