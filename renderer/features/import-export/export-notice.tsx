import type { ExportNotice as Notice } from './use-export';

/** An export's progress and outcome, announced politely (or as an alert when it failed). */
export function ExportNotice({ busy, notice }: { readonly busy: string | undefined; readonly notice: Notice | undefined }) {
  if (busy)
    return (
      <p className="busy-line" role="status">
        <progress aria-label={`Exporting ${busy}`} /> Exporting {busy}…
      </p>
    );
  if (!notice) return null;
  return (
    <p role={notice.failed ? 'alert' : 'status'} className={notice.failed ? 'form-error' : 'form-notice'} data-testid="export-notice">
      {notice.text}
    </p>
  );
}
