import { useId, useState } from 'react';
import type { ImportFormat, ImportPreview, ImportProgress } from '../../../shared/contract/transfer-channels';
import { Dialog } from '../shared-ui/dialog';
import { FieldFrame, SelectField } from '../shared-ui/field';
import { ImportErrorList } from './import-error-list';
import { describeSummary, FORMAT_OPTIONS, toWrite } from './import-labels';
import { ImportPreviewTable } from './import-preview-table';
import { useImport } from './use-import';

/**
 * Import credentials from a CSV file: choose the file and its format, preview what would be created
 * or updated (and every row's errors), then confirm. Nothing is written before the confirmation.
 */
export function ImportDialog({ onClose, onImported }: { readonly onClose: () => void; readonly onImported: () => void }) {
  const { phase, progress, problem, preview, commit, restart } = useImport();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [format, setFormat] = useState<ImportFormat>('pamdesk');
  const progressId = useId();
  const busy = phase.kind === 'previewing' || phase.kind === 'committing';
  const shown = phase.kind === 'preview' || phase.kind === 'committing' ? phase.preview : undefined;
  const count = shown ? toWrite(shown.summary) : 0;

  function close() {
    if (phase.kind === 'done') onImported();
    onClose();
  }

  const footer =
    phase.kind === 'done' ? (
      <button type="button" className="primary" onClick={close}>
        Close
      </button>
    ) : (
      <>
        <button type="button" className="secondary" onClick={close} disabled={phase.kind === 'committing'}>
          Cancel
        </button>
        {shown?.token ? (
          <button type="button" className="primary" disabled={busy || count === 0} onClick={() => void commit(shown)}>
            {`Import ${count.toLocaleString()} ${count === 1 ? 'credential' : 'credentials'}`}
          </button>
        ) : (
          <button type="button" className="primary" disabled={busy || !file} onClick={() => file && void preview(file, format)}>
            Preview
          </button>
        )}
      </>
    );

  return (
    <Dialog title="Import credentials" onClose={close} footer={footer} wide>
      {phase.kind === 'done' ? (
        <p role="status" className="form-notice" data-testid="import-result">
          {`Imported. ${describeSummary(phase.summary, true)}`}
        </p>
      ) : (
        <>
          <fieldset className="import-choice" disabled={busy}>
            <legend className="visually-hidden">File and format</legend>
            <FieldFrame label="CSV file" hint="The file is read here and sent to the vault for checking; nothing is written until you confirm.">
              {({ id, describedBy }) => (
                <input
                  id={id}
                  type="file"
                  accept=".csv,text/csv"
                  aria-describedby={describedBy}
                  data-autofocus
                  onChange={(e) => {
                    setFile(e.target.files?.[0]);
                    restart();
                  }}
                />
              )}
            </FieldFrame>
            <SelectField<ImportFormat>
              label="Format"
              value={format}
              options={FORMAT_OPTIONS}
              onChange={(value) => {
                setFormat(value);
                restart();
              }}
            />
          </fieldset>
          {busy && (
            <div className="busy-line" role="status">
              {progress && progress.total > 0 ? (
                <progress id={progressId} aria-label={phase.kind === 'previewing' ? 'Checking the file' : 'Importing'} value={progress.done} max={progress.total} />
              ) : (
                <progress id={progressId} aria-label={phase.kind === 'previewing' ? 'Checking the file' : 'Importing'} />
              )}
              <label htmlFor={progressId}>{busyText(phase.kind === 'previewing', file?.name ?? 'the file', count, progress)}</label>
            </div>
          )}
          {problem && (
            <div role="alert" className="form-summary">
              <p className="form-error">{problem.message}</p>
              {problem.errors.length > 0 && <ImportErrorList errors={problem.errors} />}
            </div>
          )}
          {shown && <PreviewResult preview={shown} />}
        </>
      )}
    </Dialog>
  );
}

/** What the busy line says, with main's progress when it has sent some. */
function busyText(previewing: boolean, fileName: string, count: number, progress: ImportProgress | undefined): string {
  const rows = (done: number, total: number) => `${done.toLocaleString()} of ${total.toLocaleString()} rows`;
  if (previewing) {
    if (progress?.step === 'read') return `Reading ${fileName}: ${Math.floor((100 * progress.done) / Math.max(1, progress.total))}%. Nothing is written yet…`;
    if (progress?.step === 'check') return `Checking ${fileName}: ${rows(progress.done, progress.total)}. Nothing is written yet…`;
    return `Checking ${fileName}: nothing is written yet…`;
  }
  if (progress?.step === 'write') return `Importing in one transaction: ${rows(progress.done, progress.total)}…`;
  return `Importing ${count.toLocaleString()} credentials in one transaction…`;
}

function PreviewResult({ preview }: { readonly preview: ImportPreview }) {
  const { summary, errors, rows } = preview;
  return (
    <section aria-label="Preview" className="import-preview">
      <p role="status" data-testid="import-summary">
        {`Preview: ${describeSummary(summary, false)}`}
      </p>
      {errors.length > 0 && (
        <>
          <p className="form-error">{`Nothing can be imported until these ${errors.length.toLocaleString()} ${errors.length === 1 ? 'problem is' : 'problems are'} fixed in the file: correct them, choose the file again and preview.`}</p>
          <ImportErrorList errors={errors} />
        </>
      )}
      {errors.length === 0 && toWrite(summary) === 0 && <p className="empty-note">Nothing to import: every row is skipped. Check the format chosen matches the file.</p>}
      {rows.length > 0 && <ImportPreviewTable rows={rows} />}
    </section>
  );
}
