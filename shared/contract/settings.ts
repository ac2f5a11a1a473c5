import { z } from 'zod';

/** Preferences: never secrets. Kept by electron-store (desktop) or its conf core (host, CLI). */
export const settingsSchema = z.object({
  idleLockMinutes: z.number().int().min(0, '0 turns idle locking off.').max(240, 'At most 240 minutes.').default(5),
  clipboardClearSeconds: z.number().int().min(5, 'At least 5 seconds.').max(600, 'At most 600 seconds.').default(30),
  /** Bulk requests not decided within this many hours become Expired (Segura documents no default). */
  bulkApprovalExpiryHours: z.number().int().min(1, 'At least 1 hour.').max(720, 'At most 720 hours (30 days).').default(72),
  runner: z
    .object({
      /** Operations running at once across the vault. */
      globalConcurrency: z.number().int().min(1).max(64).default(8),
      /** Operations running at once on one device: most devices dislike parallel password changes. */
      perDeviceConcurrency: z.number().int().min(1).max(8).default(1),
      /** Segura's "Number of change attempts". */
      attempts: z.number().int().min(1).max(20).default(3),
      /** Segura's "Interval between attempts (min)". */
      intervalMinutes: z.number().min(0).max(1440).default(5),
      /** Segura's "Interval between attempts with error (min)": the next automatic try after Error. */
      intervalAfterErrorMinutes: z.number().min(0).max(10080).default(60),
      /** Verify every credential this often (hours); 0 turns periodic verification off. */
      periodicVerifyHours: z.number().min(0).max(8760).default(0),
    })
    .default({ globalConcurrency: 8, perDeviceConcurrency: 1, attempts: 3, intervalMinutes: 5, intervalAfterErrorMinutes: 60, periodicVerifyHours: 0 }),
});
export type Settings = z.infer<typeof settingsSchema>;
export type RunnerSettings = Settings['runner'];
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
