import { z } from 'zod';

/**
 * Password history (issue 12, item 9): every secret a credential held before its current one, kept
 * sealed in credential_secret_history with when, why and by whom it was replaced. One definition of
 * the reasons and of the length limits, for main, the CLI and the renderer alike.
 */

/**
 * Why a secret was replaced: a change by the runner (or a settle that adopted its candidate), a
 * reset from the reset dialog or CLI, an import, an edit (the editor or seed 004's upsert), or a
 * restore of an older secret from this history.
 */
export const SECRET_REPLACEMENT_REASONS = ['change', 'reset', 'import', 'edit', 'restore'] as const;
export type SecretReplacementReason = (typeof SECRET_REPLACEMENT_REASONS)[number];

/** How many replaced secrets a credential keeps when no policy says otherwise. */
export const DEFAULT_HISTORY_LENGTH = 10;
export const MAX_HISTORY_LENGTH = 100;

export const historyLengthSchema = z
  .number()
  .int('The history length must be a whole number')
  .min(0, 'The history length cannot be negative (0 keeps no history)')
  .max(MAX_HISTORY_LENGTH, `The history length is at most ${MAX_HISTORY_LENGTH}`);

/** One replaced secret as the UI and the CLI see it: metadata only, never the secret. */
export interface SecretHistoryEntryView {
  /** The entry's id, the ENTRY of `pamdesk credential reveal-history` and `credential restore`. */
  readonly id: number;
  readonly credentialId: number;
  /** When this secret stopped being the credential's secret. */
  readonly replacedAt: string;
  readonly reason: SecretReplacementReason;
  /** The operation that replaced it (a change, a reset on the target), when there was one. */
  readonly operationCode: string | null;
  /** Who replaced it: a user name, or "system" for the runner. */
  readonly replacedBy: string;
}

/** Words for a reason, the same in the UI and the CLI. */
export function replacementReasonLabel(reason: SecretReplacementReason): string {
  switch (reason) {
    case 'change':
      return 'Changed on the target';
    case 'reset':
      return 'Reset';
    case 'import':
      return 'Imported';
    case 'edit':
      return 'Edited';
    case 'restore':
      return 'Restored an older secret';
  }
}
