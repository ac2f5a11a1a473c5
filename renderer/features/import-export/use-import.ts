import { useRef, useState } from 'react';
import type { ImportFormat, ImportPreview, ImportProgress, ImportRowError, ImportSummary } from '../../../shared/contract/transfer-channels';
import { MAX_IMPORT_CSV_CHARS } from '../../../shared/contract/transfer-channels';
import { api } from '../../api/api';

export type ImportPhase =
  | { readonly kind: 'choose' }
  | { readonly kind: 'previewing' }
  | { readonly kind: 'preview'; readonly preview: ImportPreview }
  | { readonly kind: 'committing'; readonly preview: ImportPreview }
  | { readonly kind: 'done'; readonly summary: ImportSummary };

export interface ImportProblem {
  readonly message: string;
  readonly errors: readonly ImportRowError[];
}

function rowErrors(details: Readonly<Record<string, unknown>> | undefined): readonly ImportRowError[] {
  const errors = details?.['errors'];
  return Array.isArray(errors) ? (errors as ImportRowError[]) : [];
}

/**
 * The import's steps: preview (main dry-runs it, nothing is written), then commit by the preview's
 * token. The file's text holds secrets: it is read when previewing and dropped straight after,
 * never kept in state; the commit needs only the token.
 */
/**
 * Runs a preview or commit under a fresh progress id and shows main's 'import.progress' events
 * for that id only (another window's import has its own), until the call answers.
 */
async function withProgress<T>(onProgress: (progress: ImportProgress | undefined) => void, run: (progressId: string) => Promise<T>): Promise<T> {
  const progressId = crypto.randomUUID();
  const stop = api().on('import.progress', (event) => {
    if (event.progressId === progressId) onProgress(event);
  });
  try {
    return await run(progressId);
  } finally {
    stop();
    onProgress(undefined);
  }
}

export function useImport() {
  const [phase, setPhase] = useState<ImportPhase>({ kind: 'choose' });
  const [progress, setProgress] = useState<ImportProgress | undefined>(undefined);
  const [problem, setProblem] = useState<ImportProblem | undefined>(undefined);
  // Bumped when the file or format changes, so a preview of the old choice is not shown.
  const ask = useRef(0);

  function restart(): void {
    ask.current += 1;
    setPhase({ kind: 'choose' });
    setProblem(undefined);
  }

  async function preview(file: File, format: ImportFormat): Promise<void> {
    ask.current += 1;
    const asked = ask.current;
    setProblem(undefined);
    if (file.size > MAX_IMPORT_CSV_CHARS * 4) {
      setProblem({ message: `${file.name} is larger than 20 MB: split it and import the parts.`, errors: [] });
      return;
    }
    setPhase({ kind: 'previewing' });
    let csvText: string;
    try {
      csvText = await file.text();
    } catch {
      setPhase({ kind: 'choose' });
      setProblem({ message: `${file.name} could not be read. Check that it is still there and readable, then choose it again.`, errors: [] });
      return;
    }
    const result = await withProgress(setProgress, (progressId) => api().call('import.preview', { format, csvText, progressId }));
    if (asked !== ask.current) return;
    if (!result.ok) {
      setPhase({ kind: 'choose' });
      setProblem({ message: `The file was not checked: ${result.error.message}`, errors: [] });
      return;
    }
    setPhase({ kind: 'preview', preview: result.value });
  }

  async function commit(preview: ImportPreview): Promise<void> {
    if (preview.token === null) return;
    setProblem(undefined);
    setPhase({ kind: 'committing', preview });
    const token = preview.token;
    const result = await withProgress(setProgress, (progressId) => api().call('import.commit', { token, progressId }));
    if (!result.ok) {
      // A token is used once: whatever went wrong, the next try starts with a new preview.
      setPhase({ kind: 'choose' });
      setProblem({ message: result.error.message, errors: rowErrors(result.error.details) });
      return;
    }
    setPhase({ kind: 'done', summary: result.value });
  }

  return { phase, progress, problem, preview, commit, restart };
}
