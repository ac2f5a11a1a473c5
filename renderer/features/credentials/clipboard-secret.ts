import type { SECRET_FIELDS } from '../../../shared/contract/credential-channels';
import { api } from '../../api/api';

export type SecretField = (typeof SECRET_FIELDS)[number];

/**
 * Asks main for a secret to put on the clipboard (audited as a copy), writes it, and clears the
 * clipboard after main's delay if it still holds that secret. The secret lives only in this call
 * and in the clearing timer's closure, never in a store.
 */
export async function copySecret(id: number, field: SecretField = 'content'): Promise<string> {
  const result = await api().call('credential.reveal', { id, field, purpose: 'copy' });
  if (!result.ok) return `Not copied: ${result.error.message}`;
  const { secret, clipboardClearSeconds } = result.value;
  try {
    await navigator.clipboard.writeText(secret);
  } catch {
    return 'Not copied: this window may not write to the clipboard. Click in the window and try again, or use Reveal.';
  }
  setTimeout(() => void clearIfStillOurs(secret), clipboardClearSeconds * 1000);
  return `Copied. The clipboard is cleared in ${clipboardClearSeconds} s.`;
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
