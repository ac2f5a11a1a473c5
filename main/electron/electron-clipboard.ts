import { clipboard } from 'electron';
import type { SystemClipboard } from '../security/secret-clipboard';

/** The OS clipboard through Electron, for main's secret clipboard. */
export function electronClipboard(): SystemClipboard {
  return { readText: () => clipboard.readText(), writeText: (text) => clipboard.writeText(text) };
}
