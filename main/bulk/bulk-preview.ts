import type { Kysely } from 'kysely';
import { BULK_PREVIEW_ITEMS, type BulkAction, type BulkEditChanges, type BulkField, type BulkPreview, type BulkPreviewItem } from '../../shared/domain/bulk';
import type { CredentialsTables } from '../credentials/credential-tables';
import { reviewEach, type ReviewedCredential } from './bulk-review';
import { toChanges } from './bulk-values';

export function previewItem(reviewed: ReviewedCredential): BulkPreviewItem {
  const base = { id: reviewed.id, identifier: reviewed.identifier, changes: toChanges(reviewed.from, reviewed.to) };
  return reviewed.reason === undefined ? { ...base, eligible: true } : { ...base, eligible: false, reason: reviewed.reason };
}

/**
 * The review step: the blast radius over every selected credential, and the first
 * BULK_PREVIEW_ITEMS of them (the ineligible first) with their From/To or why they cannot take part.
 */
export async function previewBulk(db: Kysely<CredentialsTables>, action: BulkAction, credentialIds: readonly number[], changes: BulkEditChanges | undefined): Promise<BulkPreview> {
  const perField: Partial<Record<BulkField, number>> = {};
  let total = 0;
  let credentials = 0;
  let eligible = 0;
  const ineligible: ReviewedCredential[] = [];
  const others: ReviewedCredential[] = [];
  await reviewEach(db, action, credentialIds, changes, (one) => {
    total += 1;
    if (one.reason !== undefined) {
      if (ineligible.length < BULK_PREVIEW_ITEMS) ineligible.push(one);
      return;
    }
    if (others.length < BULK_PREVIEW_ITEMS) others.push(one);
    eligible += 1;
    const fields = Object.keys(one.to) as BulkField[];
    if (fields.length > 0) credentials += 1;
    for (const field of fields) perField[field] = (perField[field] ?? 0) + 1;
  });
  return {
    action,
    items: [...ineligible, ...others].slice(0, BULK_PREVIEW_ITEMS).map(previewItem),
    total,
    blastRadius: { credentials, eligible, ineligible: total - eligible, unchanged: eligible - credentials, perField },
  };
}
