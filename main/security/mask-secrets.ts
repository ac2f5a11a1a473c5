/**
 * The one masking routine: every occurrence of every secret becomes "********", so the mask says
 * nothing about the length; overlapping or adjacent occurrences (one secret inside another) become
 * one mask. maskAcross also catches a secret that spans two parts, as device output split over
 * several transcript entries can. Callers pass every form a secret can take (templates add the
 * shell-quoted and escaped forms, see main/templates/mask-transcript.ts).
 */
export const MASK = '********';

export function maskSecrets(text: string, secrets: readonly string[]): string {
  return maskAcross([text], secrets)[0] ?? '';
}

export function maskAcross(parts: readonly string[], secrets: readonly string[]): string[] {
  const whole = parts.join('');
  const hidden = new Uint8Array(whole.length);
  for (const secret of new Set(secrets)) {
    if (secret.length === 0) continue;
    for (let at = whole.indexOf(secret); at !== -1; at = whole.indexOf(secret, at + 1)) hidden.fill(1, at, at + secret.length);
  }
  const masked: string[] = [];
  let offset = 0;
  for (const part of parts) {
    let out = '';
    for (let i = 0; i < part.length; i += 1) {
      if (hidden[offset + i] === 0) out += part.charAt(i);
      else if (i === 0 || hidden[offset + i - 1] === 0) out += MASK; // one mask per hidden run
    }
    masked.push(out);
    offset += part.length;
  }
  return masked;
}
