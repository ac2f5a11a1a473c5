import { z } from 'zod';

/** Preferences: never secrets. Kept by electron-store (desktop) or its conf core (host, CLI). */
export const settingsSchema = z.object({
  idleLockMinutes: z.number().int().min(0, '0 turns idle locking off.').max(240, 'At most 240 minutes.').default(5),
  clipboardClearSeconds: z.number().int().min(5, 'At least 5 seconds.').max(600, 'At most 600 seconds.').default(30),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
