import type { ExportedText } from '../../../shared/contract/audit';

const MIME = { csv: 'text/csv', json: 'application/json' } as const;

/**
 * Saves an export as a file through a Blob download link: the browser (headless host) and
 * Electron's session both treat it as a download, so neither shell needs a file API of its own.
 */
export function saveText(exported: ExportedText): void {
  const url = URL.createObjectURL(new Blob([exported.text], { type: `${MIME[exported.format]};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = exported.filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
