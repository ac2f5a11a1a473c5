import type { JsonValue } from '../audit/json-value';
import { REDACTED, redactSecrets } from '../audit/redact-secrets';

const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const SECRET_ASSIGNMENT = /\b(password|passwd|passphrase|pwd|secret|token)(\s*[=:]\s*)("[^"]*"|\S+)/gi;

/**
 * The last scrub before anything leaves the machine. Audit details are redacted when written and
 * transcripts are masked by the runner; this pass catches what those miss by shape: secret-named
 * keys in JSON, private-key PEM blocks, and "password=..." style text.
 */
export function redactDetails(detailsJson: string): JsonValue {
  return redactSecrets(JSON.parse(detailsJson) as JsonValue);
}

export function redactText(text: string): string {
  return text.replace(PRIVATE_KEY_BLOCK, REDACTED).replace(SECRET_ASSIGNMENT, (_match, key: string, sep: string) => `${key}${sep}${REDACTED}`);
}
