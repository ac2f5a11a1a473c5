import type { Kysely } from 'kysely';
import type { BulkAction, BulkEditChanges, BulkField, BulkPreview, BulkPreviewItem } from '../../shared/domain/bulk';
import type { CredentialsTables } from '../credentials/credential-tables';
import { reviewBulk, type ReviewedCredential } from './bulk-review';
import { toChanges } from './bulk-values';

export function previewItem(reviewed: ReviewedCredential): BulkPreviewItem {
  const base = { id: reviewed.id, identifier: reviewed.identifier, changes: toChanges(reviewed.from, reviewed.to) };
  return reviewed.reason === undefined ? { ...base, eligible: true } : { ...base, eligible: false, reason: reviewed.reason };
}

/** The review step: per credential its From/To or why it cannot take part, and the blast radius. */
export async function previewBulk(db: Kysely<CredentialsTables>, action: BulkAction, credentialIds: readonly number[], changes: BulkEditChanges | undefined): Promise<BulkPreview> {
  const items = (await reviewBulk(db, action, credentialIds, changes)).map(previewItem);
  const perField: Partial<Record<BulkField, number>> = {};
  let credentials = 0;
  let eligible = 0;
  for (const item of items) {
    if (!item.eligible) continue;
    eligible += 1;
    if (item.changes.length > 0) credentials += 1;
    for (const change of item.changes) perField[change.field] = (perField[change.field] ?? 0) + 1;
  }
  return { action, items, blastRadius: { credentials, eligible, ineligible: items.length - eligible, unchanged: eligible - credentials, perField } };
}
