import type { Kysely } from 'kysely';
import { generatePassword } from '../policies/generate-password';
import { generateSshKeyPair, SSH_KEY_TYPES, type SshKeyType } from '../policies/generate-ssh-key-pair';
import { DEFAULT_PIN_STRENGTH, DEFAULT_STRENGTH, policyForCredential } from '../policies/policy-service';
import type { CandidateGenerator, CandidateSecret } from '../runner/ports';
import type { VaultDatabase } from '../vault/database/vault-schema';

/** The comment that marks the authorized_keys line pamdesk manages for a credential. */
export function managedKeyComment(identifier: string): string {
  return `pamdesk-managed:${identifier}`;
}

export interface CandidateFor {
  readonly id: number;
  readonly identifier: string;
  readonly username: string;
  readonly kind: 'password' | 'ssh_key' | 'pin' | string;
}

/**
 * The one way a fresh candidate is made, for the runner and the reset dialog alike: passwords and
 * PINs by the credential's policy strength (PINs default to digits, never the username), SSH keys
 * of the requested type, else the credential's key type, else ed25519, with the managed-key comment.
 */
export async function generateCandidate(db: Kysely<VaultDatabase>, credential: CandidateFor, options: { readonly keyType?: SshKeyType } = {}): Promise<CandidateSecret & { readonly keyType: SshKeyType | null }> {
  if (credential.kind === 'ssh_key') {
    const row = options.keyType ? undefined : await db.selectFrom('credentials').select('key_type').where('id', '=', credential.id).executeTakeFirst();
    const stored = (SSH_KEY_TYPES as readonly string[]).includes(row?.key_type ?? '') ? (row?.key_type as SshKeyType) : undefined;
    const type: SshKeyType = options.keyType ?? stored ?? 'ssh-ed25519';
    const pair = await generateSshKeyPair(type, { comment: managedKeyComment(credential.identifier) });
    return { secret: pair.privateKey, publicKey: pair.publicKey, keyType: type };
  }
  const match = await policyForCredential(db, credential.id);
  const strength = match?.policy.definition.strength ?? (credential.kind === 'pin' ? DEFAULT_PIN_STRENGTH : DEFAULT_STRENGTH);
  return { secret: generatePassword(strength, credential.username), publicKey: null, keyType: null };
}

/** The runner's generator: fresh candidates from each credential's policy (see generateCandidate). */
export function policyCandidateGenerator(db: Kysely<VaultDatabase>): CandidateGenerator {
  return async (credential) => {
    const fresh = await generateCandidate(db, credential);
    return { secret: fresh.secret, publicKey: fresh.publicKey };
  };
}
