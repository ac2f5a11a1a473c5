import { z } from 'zod';
import type { SecretHistoryEntryView } from '../domain/secret-history';
import type { ResetResult } from './reset-channels';
import { channel, typed } from './channel-spec';

/** Password history (issue 12, item 9). The list carries no secrets; one entry is revealed at a time. */

const entryId = z.number().int().positive();

export interface RevealedHistorySecret {
  readonly secret: string;
  readonly entry: SecretHistoryEntryView;
}

export const credentialHistoryChannels = {
  'credential.history': channel({
    request: z.object({ id: z.number().int().positive() }).strict(),
    response: typed<readonly SecretHistoryEntryView[]>(),
    requires: 'vault.read',
  }),
  // Audited as a view of that entry (credential.reveal_history), like credential.reveal.
  'credential.revealHistory': channel({
    request: z.object({ entryId }).strict(),
    response: typed<RevealedHistorySecret>(),
    requires: 'credential.reveal',
  }),
  // A vault-only reset to the old secret (credential.reset's own path, so its rules and any
  // approval it asks for apply); the secret never comes back to the caller.
  'credential.restoreHistory': channel({
    request: z.object({ entryId, acceptInSyncLoss: z.boolean().default(false) }).strict(),
    response: typed<ResetResult>(),
    requires: 'credential.write',
  }),
} as const;
