import { z } from 'zod';
import { SHELLS } from '../shells';

export const VAULT_STATES = ['absent', 'locked', 'unlocked'] as const;

export const coreStatusSchema = z.object({
  version: z.string(),
  shell: z.enum(SHELLS),
  dataDir: z.string(),
  vault: z.enum(VAULT_STATES),
  startedAt: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  runtime: z.string(),
  platform: z.string(),
});
export type CoreStatus = z.infer<typeof coreStatusSchema>;
