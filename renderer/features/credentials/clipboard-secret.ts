import type { SECRET_FIELDS } from '../../../shared/contract/credential-channels';
import { api } from '../../api/api';

export type SecretField = (typeof SECRET_FIELDS)[number];

/** What a host page says after copying: the browser's clipboard is out of pamdesk's reach. */
export const BROWSER_CLIPBOARD_NOTICE = "The browser's clipboard cannot be cleared by pamdesk: paste it now and copy something else after.";

/**
 * Copies a secret (audited as a copy). In the desktop app main writes the OS clipboard and clears
 * it itself, after the delay, on lock and on quit: the secret never enters this page. On the host
 * main cannot reach the browser's clipboard, so the page writes it and says plainly that it cannot
 * be cleared (a best-effort clear still runs while this page lives).
 */
export async function copySecret(id: number, field: SecretField = 'content'): Promise<string> {
  const result = await api().call('credential.copy', { id, field });
  if (!result.ok) return `Not copied: ${result.error.message}`;
  const copied = result.value;
  if (copied.by === 'main') return `Copied. pamdesk clears the clipboard in ${copied.clearSeconds} s, and when you lock or quit.`;
  try {
    await navigator.clipboard.writeText(copied.secret);
  } catch {
    return 'Not copied: this window may not write to the clipboard. Click in the window and try again, or use Reveal.';
  }
  const secret = copied.secret;
  setTimeout(() => void clearIfStillOurs(secret), copied.clearSeconds * 1000);
  return `Copied. ${BROWSER_CLIPBOARD_NOTICE}`;
}

async function clearIfStillOurs(secret: string): Promise<void> {
  let current: string | undefined;
  try {
    current = await navigator.clipboard.readText();
  } catch {
    // Reading the clipboard needs a permission this window may not have. Clearing blindly could wipe
    // something the user copied since, but leaving a root password on the clipboard is worse.
    current = undefined;
  }
  if (current === undefined || current === secret) {
    await navigator.clipboard.writeText('').catch(() => undefined);
  }
}
