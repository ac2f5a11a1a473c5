import { useState } from 'react';
import type { ExportedText } from '../../../shared/contract/audit';
import type { Result } from '../../../shared/result';
import { saveText } from './save-text';

export interface ExportNotice {
  readonly text: string;
  readonly failed: boolean;
}

/** Runs one export at a time, saves its text as a file and says what was saved (or why not). */
export function useExport() {
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<ExportNotice | undefined>(undefined);

  /** `what` names the rows in the notice ("audit entries"); `call` asks main for the text. */
  async function run(what: string, call: () => Promise<Result<ExportedText>>): Promise<void> {
    setBusy(what);
    setNotice(undefined);
    const result = await call();
    setBusy(undefined);
    if (!result.ok) {
      setNotice({ text: `The ${what} were not exported: ${result.error.message}`, failed: true });
      return;
    }
    saveText(result.value);
    setNotice({ text: `Saved ${result.value.filename}: ${result.value.count.toLocaleString()} ${what}. Find it in your downloads.`, failed: false });
  }

  return { busy, notice, run };
}
