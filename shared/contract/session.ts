import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../roles';

/** Vault usernames: short, printable, no spaces (they appear in audit entries and CLI flags). */
export const usernameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a username.')
  .max(64, 'A username has at most 64 characters.')
  .regex(/^[A-Za-z0-9_.@-]+$/, 'A username may use letters, digits and . _ @ - only.');

/** A new passphrase: long enough to resist offline guessing even behind Argon2id. */
export const newPassphraseSchema = z
  .string()
  .min(12, 'A passphrase needs at least 12 characters; a few unrelated words work well.')
  .max(1024, 'A passphrase has at most 1024 characters.');

export const passphraseSchema = z.string().min(1, 'Enter your passphrase.').max(1024);

export const sessionInfoSchema = z.object({
  username: z.string(),
  role: z.enum(ROLES),
  permissions: z.array(z.enum(PERMISSIONS)),
  /** Whether this user's unlock key is kept in the OS keychain on this device. */
  rememberedOnDevice: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const LOCK_REASONS = ['manual', 'idle', 'signed-out', 'shutdown'] as const;
export const vaultLockedEventSchema = z.object({ reason: z.enum(LOCK_REASONS) });
/** Says only why: the page asks session.current whether it was its own session that ended. */
export const sessionEndedEventSchema = z.object({ reason: z.enum(LOCK_REASONS) });

/**
 * session.idleStatus: how long until the idle lock ends the caller's session if nothing happens
 * (null: idle locking is off). Relative, so the page's clock does not matter.
 */
export const idleStatusSchema = z.object({ lockInMs: z.number().int().nullable(), idleLockMinutes: z.number().int() });
export type IdleStatus = z.infer<typeof idleStatusSchema>;
