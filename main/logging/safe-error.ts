import { redactText } from '../siem/final-redaction';

/** The longest error message a log line keeps (a message is a sentence, not a payload). */
const MAX_MESSAGE = 500;

/**
 * What a log may say about an error: its name, its message scrubbed of anything shaped like a
 * secret (private keys, "password=..." text), and its stack (main's own logs only, never sent on).
 * Never the error object itself: ssh2 and driver errors can carry the buffers or options they were
 * given, secrets included.
 */
export function safeErrorFields(error: unknown): { readonly errorName: string; readonly errorMessage: string; readonly stack?: string } {
  if (!(error instanceof Error)) return { errorName: typeof error, errorMessage: '(a non-Error value was thrown; its content is not logged)' };
  const message = redactText(error.message);
  // Only the frames: the stack's head repeats the message, which may span lines.
  const frames = error.stack?.split('\n').filter((line) => /^\s+at /.test(line)) ?? [];
  const stack = frames.length > 0 ? redactText(frames.join('\n')) : undefined;
  return { errorName: error.name, errorMessage: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message, ...(stack ? { stack } : {}) };
}
