import type { Kysely } from 'kysely';
import { BULK_PREVIEW_ITEMS, type BulkAction, type BulkEditChanges, type BulkField, type BulkPreview, type BulkPreviewItem } from '../../shared/domain/bulk';
import type { CredentialsTables } from '../credentials/credential-tables';
import { reviewBulk, type ReviewedCredential } from './bulk-review';
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
  const reviewed = await reviewBulk(db, action, credentialIds, changes);
  const perField: Partial<Record<BulkField, number>> = {};
  let credentials = 0;
  let eligible = 0;
  const ineligible: ReviewedCredential[] = [];
  for (const one of reviewed) {
    if (one.reason !== undefined) {
      if (ineligible.length < BULK_PREVIEW_ITEMS) ineligible.push(one);
      continue;
    }
    eligible += 1;
    const fields = Object.keys(one.to) as BulkField[];
    if (fields.length > 0) credentials += 1;
    for (const field of fields) perField[field] = (perField[field] ?? 0) + 1;
  }
  const listed = ineligible.length < BULK_PREVIEW_ITEMS ? [...ineligible, ...reviewed.filter((one) => one.reason === undefined).slice(0, BULK_PREVIEW_ITEMS - ineligible.length)] : ineligible;
  return {
    action,
    items: listed.map(previewItem),
    total: reviewed.length,
    blastRadius: { credentials, eligible, ineligible: reviewed.length - eligible, unchanged: eligible - credentials, perField },
  };
}
