import { useMemo } from 'react';
import type { BulkField, BulkFieldChange, BulkPreview } from '../../../shared/domain/bulk';
import { fieldLabel, formatValue } from './bulk-labels';
import { VirtualTable } from './virtual-table';

/** One line of the review: a change of one credential, or why a credential is left out. */
interface ReviewLine {
  readonly key: string;
  readonly identifier: string;
  readonly first: boolean;
  readonly change?: BulkFieldChange;
  readonly reason?: string;
  readonly unchanged?: boolean;
}

/** Flattens the preview into fixed-height lines, the ineligible first so they are seen. */
function reviewLines(preview: BulkPreview): ReviewLine[] {
  const lines: ReviewLine[] = [];
  for (const item of preview.items) {
    if (!item.eligible) lines.push({ key: `${item.id}:x`, identifier: item.identifier, first: true, reason: item.reason ?? 'Not eligible.' });
  }
  for (const item of preview.items) {
    if (!item.eligible) continue;
    if (item.changes.length === 0) lines.push({ key: `${item.id}:=`, identifier: item.identifier, first: true, unchanged: true });
    item.changes.forEach((change, i) => lines.push({ key: `${item.id}:${change.field}`, identifier: item.identifier, first: i === 0, change }));
  }
  return lines;
}

/** Step 3: seed 001's "check and confirm the changes": each credential's From and To, and the blast radius. */
export function ReviewStep({ preview }: { readonly preview: BulkPreview }) {
  const lines = useMemo(() => reviewLines(preview), [preview]);
  const radius = preview.blastRadius;
  const perField = Object.entries(radius.perField) as [BulkField, number][];

  return (
    <div className="bulk-review">
      <section aria-labelledby="bulk-radius-title" className="bulk-radius" data-testid="blast-radius">
        <h3 id="bulk-radius-title">Blast radius</h3>
        <dl className="details-list">
          <dt>Credentials affected</dt>
          <dd data-testid="radius-affected">{radius.credentials.toLocaleString()}</dd>
          <dt>Eligible</dt>
          <dd>{radius.eligible.toLocaleString()}</dd>
          <dt>Already so (no change)</dt>
          <dd>{radius.unchanged.toLocaleString()}</dd>
          <dt>Ineligible</dt>
          <dd data-testid="radius-ineligible">{radius.ineligible.toLocaleString()}</dd>
          {perField.map(([field, count]) => (
            <FieldCount key={field} field={field} count={count} />
          ))}
        </dl>
        {radius.ineligible > 0 && (
          <p className="form-error" role="alert">
            {radius.ineligible.toLocaleString()} {radius.ineligible === 1 ? 'credential is' : 'credentials are'} not eligible (listed first, with the reason). A request with an ineligible credential is refused whole: go Back and remove{' '}
            {radius.ineligible === 1 ? 'it' : 'them'}.
          </p>
        )}
      </section>
      {preview.items.length < preview.total && (
        <p className="muted" data-testid="bulk-review-shown">
          Listed: the first {preview.items.length.toLocaleString()} of {preview.total.toLocaleString()} credentials{radius.ineligible > 0 ? ', the ineligible first' : ''}. The counts above cover all of them; the request, once sent, lists every one.
        </p>
      )}
      <VirtualTable
        label="Changes to review"
        testId="bulk-review-table"
        height={360}
        columns={[
          { header: 'Credential', width: 'minmax(140px, 1.4fr)' },
          { header: 'Field', width: 'minmax(120px, 1fr)' },
          { header: 'From', width: 'minmax(140px, 1.5fr)' },
          { header: 'To', width: 'minmax(140px, 1.5fr)' },
        ]}
        rowCount={lines.length}
        rowKey={(i) => lines[i]?.key ?? i}
        rowClassName={(i) => (lines[i]?.reason ? 'virtual-row-error' : lines[i]?.first ? 'virtual-row-first' : undefined)}
        renderRow={(i) => {
          const line = lines[i];
          if (!line) return [];
          const name = line.first ? line.identifier : <span className="visually-hidden">{line.identifier}</span>;
          if (line.reason) return [name, 'Ineligible', <span key="r" title={line.reason}>{line.reason}</span>, ''];
          if (line.unchanged || !line.change) return [name, <span key="u" className="muted">No change: already so</span>, '', ''];
          const { field, from, to } = line.change;
          return [name, fieldLabel(field), <span key="f" title={formatValue(field, from)}>{formatValue(field, from)}</span>, <span key="t" title={formatValue(field, to)}>{formatValue(field, to)}</span>];
        }}
      />
    </div>
  );
}

function FieldCount({ field, count }: { readonly field: BulkField; readonly count: number }) {
  return (
    <>
      <dt>{fieldLabel(field)}</dt>
      <dd>
        {count.toLocaleString()} {count === 1 ? 'credential' : 'credentials'}
      </dd>
    </>
  );
}
