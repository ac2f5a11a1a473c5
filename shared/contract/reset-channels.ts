import { z } from 'zod';
import { CREDENTIAL_KINDS } from '../domain/credential-kind';
import { channel, typed } from './channel-spec';

/** PassMan's key types; ssh-dss is listed so the dialog can explain why it is refused. */
export const RESET_KEY_TYPES = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ssh-rsa', 'ssh-dss'] as const;

export const resetRequestSchema = z
  .object({
    id: z.number().int().positive(),
    kind: z.enum(CREDENTIAL_KINDS),
    keyType: z.enum(RESET_KEY_TYPES).optional(),
    /** What the operator typed; absent means "Generate and Save" (generated in main, never sent back). */
    secret: z.string().min(1, 'Type the new secret, or use Generate and Save.').max(16_384).optional(),
    /** Checked: the change goes to the target through the runner. Unchecked: only the vault changes. */
    changeOnTarget: z.boolean(),
    /** PassMan's rule: a vault-only reset of an InSync credential loses that status; the operator confirms it. */
    acceptInSyncLoss: z.boolean().default(false),
  })
  .strict();

export type ResetResult =
  /** awaitingApproval: a highly critical credential's change waits for an approver (issue 11). */
  | { readonly mode: 'target'; readonly operationCode: string; readonly awaitingApproval: boolean }
  | { readonly mode: 'vault'; readonly verifyOperationCode: string | null };

export const resetChannels = {
  'credential.reset': channel({ request: resetRequestSchema, response: typed<ResetResult>(), requires: 'credential.write' }),
} as const;
