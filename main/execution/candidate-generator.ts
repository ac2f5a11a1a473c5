import type { Kysely } from 'kysely';
import { generatePassword } from '../policies/generate-password';
import { generateSshKeyPair, SSH_KEY_TYPES, type SshKeyType } from '../policies/generate-ssh-key-pair';
import { DEFAULT_PIN_STRENGTH, DEFAULT_STRENGTH, policyForCredential } from '../policies/policy-service';
import type { CandidateGenerator } from '../runner/ports';
import type { VaultDatabase } from '../vault/database/vault-schema';

/** The comment that marks the authorized_keys line pamdesk manages for a credential. */
export function managedKeyComment(identifier: string): string {
  return `pamdesk-managed:${identifier}`;
}

/**
 * Fresh candidates from each credential's policy: passwords and PINs by its strength (PINs default
 * to digits), SSH keys of the credential's key type with the managed-key comment.
 */
export function policyCandidateGenerator(db: Kysely<VaultDatabase>): CandidateGenerator {
  return async (credential) => {
    if (credential.kind === 'ssh_key') {
      const row = await db.selectFrom('credentials').select('key_type').where('id', '=', credential.id).executeTakeFirst();
      const type: SshKeyType = (SSH_KEY_TYPES as readonly string[]).includes(row?.key_type ?? '') ? (row?.key_type as SshKeyType) : 'ssh-ed25519';
      const pair = await generateSshKeyPair(type, { comment: managedKeyComment(credential.identifier) });
      return { secret: pair.privateKey, publicKey: pair.publicKey };
    }
    const match = await policyForCredential(db, credential.id);
    const strength = match?.policy.definition.strength ?? (credential.kind === 'pin' ? DEFAULT_PIN_STRENGTH : DEFAULT_STRENGTH);
    return { secret: generatePassword(strength, credential.username), publicKey: null };
  };
}
