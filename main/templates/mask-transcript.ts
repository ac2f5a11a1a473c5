import { MASK, maskSecrets } from '../security/mask-secrets';
import { secretForms } from './secret-forms';

export const SECRET_MASK = MASK;

/**
 * Masks every secret in each of its forms (raw, shell-quoted, escaped: see secretForms). Mask whole
 * buffers, not arriving chunks: a secret split across two chunks would slip through (the executor
 * masks across its transcript entries for that reason).
 */
export function maskTranscript(text: string, secrets: readonly string[]): string {
  return maskSecrets(text, secrets.flatMap(secretForms));
}
