import { z } from 'zod';
import { passwordPolicyCriteriaSchema, passwordPolicyDefinitionSchema, type PasswordPolicy } from '../domain/password-policy';
import { ARCHIVE_FILTERS } from '../domain/archive';
import { credentialIdsSchema } from '../domain/credential-selection';
import { channel, typed } from './channel-spec';

export const policyInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the policy a name').max(120),
    definition: passwordPolicyDefinitionSchema,
    criteria: passwordPolicyCriteriaSchema,
    priority: z.number().int().min(0).max(255).default(0),
    enabled: z.boolean().default(true),
  })
  .strict();

export const policyChannels = {
  'policy.list': channel({ request: z.object({ archived: z.enum(ARCHIVE_FILTERS).optional() }).strict(), response: typed<readonly PasswordPolicy[]>(), requires: 'vault.read' }),
  'policy.save': channel({ request: z.object({ id: z.number().int().positive().optional(), input: policyInputSchema }).strict(), response: typed<PasswordPolicy>(), requires: 'policy.write' }),
  'policy.assign': channel({
    request: z.object({ credentialIds: credentialIdsSchema, policyId: z.number().int().positive().nullable() }).strict(),
    response: z.null(),
    requires: 'policy.write',
  }),
  'policy.forCredential': channel({
    request: z.object({ credentialId: z.number().int().positive() }).strict(),
    response: typed<{ readonly policy: PasswordPolicy | null; readonly reason: 'explicit' | 'criteria' | 'default' }>(),
    requires: 'vault.read',
  }),
} as const;
