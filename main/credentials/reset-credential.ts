import { hasChangeTemplate, OPEN_STATES, parseChangeSettings } from '../../shared/domain/operation-rules';
import { sql, type Kysely } from 'kysely';
import type { ResetResult } from '../../shared/contract/reset-channels';
import type { resetRequestSchema } from '../../shared/contract/reset-channels';
import { findControlCharacter } from '../../shared/domain/control-characters';
import { AppFailure } from '../../shared/errors';
import { changeRefusal } from '../../shared/domain/change-refusal';
import type { z } from 'zod';
import { appendAudit } from '../audit/append-audit';
import { utils as sshUtils } from '../executors/ssh/ssh2-module';
import { generateCandidate } from '../execution/candidate-generator';
import type { SshKeyType } from '../policies/generate-ssh-key-pair';
import { sealCandidate } from '../runner/operation-candidate';
import { settleByVaultReset } from '../runner/settle-by-hand';
import { createOperation, IMMEDIATE_PRIORITY } from '../runner/operation-store';
import type { AuditShell } from '../audit/audit-entry';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { FieldCipher } from '../vault/field-cipher';
import { sealCredentialField } from './credential-secrets';
import { keepReplacedSecret } from './secret-history';

type ResetRequest = z.output<typeof resetRequestSchema>;

interface ResetDeps {
  readonly db: Kysely<VaultDatabase>;
  readonly fields: FieldCipher;
  readonly actor: string;
  readonly shell: AuditShell;
  readonly maxAttempts: number;
  readonly now: Date;
  /** Set when the reset restores a password history entry: recorded with the replaced secret and in the audit. */
  readonly restoring?: { readonly historyEntryId: number };
}

interface NewSecret {
  readonly secret: string;
  readonly publicKey: string | null;
  readonly keyType: string | null;
  readonly generated: boolean;
}


/**
 * PassMan's Reset credential: a typed or generated secret, put on the target through the runner's
 * crash-safe path ("Change on target"), or written to the vault only, which drops InSync (the
 * operator confirms that) and schedules a verify to find out whether the vault now matches. Every
 * reset is audited; a generated secret never leaves main here.
 */
export async function resetCredential(deps: ResetDeps, request: ResetRequest): Promise<ResetResult> {
  const credential = await deps.db.selectFrom('credentials').select(['id', 'identifier', 'username', 'kind', 'in_sync', 'key_type', 'execution_settings', 'needs_human_interaction']).where('id', '=', request.id).executeTakeFirst();
  if (!credential) throw new AppFailure('NOT_FOUND', `No credential has id ${request.id}.`);
  if (request.kind !== credential.kind) {
    throw new AppFailure('VALIDATION', `${credential.identifier} holds a ${label(credential.kind)}, not a ${label(request.kind)}. Reset it as a ${label(credential.kind)}, or add another credential for the ${label(request.kind)}.`);
  }
  if (request.keyType === 'ssh-dss') {
    throw new AppFailure('VALIDATION', 'ssh-dss (DSA) keys are refused: OpenSSH removed DSA support, so a DSA key would lock the account out. Choose ssh-ed25519, ecdsa-sha2-nistp256 or ssh-rsa.');
  }
  // Seed 000: a credential needing MFA or a human step is never changed on its target; the
  // vault-only reset is how its hand-made change is recorded.
  const refusal = request.changeOnTarget ? changeRefusal(credential) : null;
  if (refusal !== null) throw new AppFailure('CONFLICT', refusal);
  const open = await deps.db.selectFrom('operations').select(['code', 'state']).where('credential_id', '=', credential.id).where('state', 'in', OPEN_STATES).executeTakeFirst();
  if (open && request.changeOnTarget) throw new AppFailure('CONFLICT', `Operation ${open.code} is ${open.state} for ${credential.identifier}; wait for it or settle it before resetting on the target.`);

  const fresh = await newSecret(deps, credential, request);
  if (request.changeOnTarget) return resetOnTarget(deps, credential, fresh, request);
  return resetInVaultOnly(deps, credential, fresh, request);
}

async function newSecret(deps: ResetDeps, credential: { id: number; identifier: string; username: string; kind: string; key_type: string | null }, request: ResetRequest): Promise<NewSecret> {
  if (request.secret !== undefined) return credential.kind === 'ssh_key' ? typedKey(request.secret) : typedSecret(request.secret, label(credential.kind));
  const fresh = await generateCandidate(deps.db, credential, request.keyType ? { keyType: request.keyType as SshKeyType } : {});
  return { secret: fresh.secret, publicKey: fresh.publicKey, keyType: fresh.keyType, generated: true };
}

/**
 * A typed password or PIN is typed again at the device's prompts: a control character in it (TAB,
 * a line break, ESC...) would be acted on by the terminal, so it is refused here, before anything
 * is stored or sent. Generated secrets never hold one (their alphabets are printable).
 */
function typedSecret(secret: string, what: string): NewSecret {
  const control = findControlCharacter(secret);
  if (control !== null) {
    throw new AppFailure('VALIDATION', `The typed ${what} contains ${control.description} (character ${control.index + 1}), which a device's terminal would act on instead of taking it as part of the ${what}. Type it again without control characters, or let pamdesk generate one.`);
  }
  return { secret, publicKey: null, keyType: null, generated: false };
}

/** A pasted private key: it must parse, must not be encrypted (the vault seals it instead), not DSA. */
function typedKey(text: string): NewSecret {
  const parsed = sshUtils.parseKey(text);
  if (parsed instanceof Error) throw new AppFailure('VALIDATION', `The pasted text is not a private key pamdesk can read (${parsed.message}). Paste an OpenSSH or PEM private key.`);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || !key.isPrivateKey()) throw new AppFailure('VALIDATION', 'That is a public key: paste the private key (the vault keeps it sealed).');
  if (key.type === 'ssh-dss') throw new AppFailure('VALIDATION', 'ssh-dss (DSA) keys are refused: OpenSSH removed DSA support.');
  const publicKey = `${key.type} ${key.getPublicSSH().toString('base64')}`;
  return { secret: text, publicKey, keyType: key.type, generated: false };
}

async function resetOnTarget(deps: ResetDeps, credential: { id: number; identifier: string; kind: string; execution_settings: string | null }, fresh: NewSecret, request: ResetRequest): Promise<ResetResult> {
  if (!hasChangeTemplate(parseChangeSettings(credential.execution_settings))) {
    throw new AppFailure('VALIDATION', `${credential.identifier} has no change template, so pamdesk cannot change it on the target. Set one in its execution settings, or untick "Change on target".`);
  }
  return deps.db.transaction().execute(async (trx) => {
    const op = await createOperation(
      trx,
      { type: credential.kind === 'ssh_key' ? 'ssh_key_rotation' : 'change_password', credentialId: credential.id, requester: deps.actor, trigger: 'reset_credential', maxAttempts: 1, priority: IMMEDIATE_PRIORITY },
      deps.now,
    );
    // The operator's (or the dialog's) secret rides on the operation, sealed, as a preset candidate.
    // For a highly critical credential createOperation left it Awaiting approval: the candidate stays
    // sealed on it, never sent, until an approver accepts (a rejection or expiry discards it).
    await trx
      .updateTable('operations')
      .set({ candidate_secret: sealCandidate(deps.fields, op.id, fresh.secret), candidate_public_key: fresh.publicKey, candidate_preset: 1, candidate_sent: 0 })
      .where('id', '=', op.id)
      .execute();
    await appendAudit(trx, {
      actor: deps.actor,
      shell: deps.shell,
      action: 'credential.reset',
      objectType: 'credential',
      objectId: String(credential.id),
      details: { identifier: credential.identifier, mode: 'target', generated: fresh.generated, operation: op.code, state: op.state, keyType: fresh.keyType ?? request.keyType ?? null },
    });
    return { mode: 'target', operationCode: op.code, awaitingApproval: op.state === 'AwaitingApproval' };
  });
}

/**
 * Not gated by the four-eyes rule, on purpose, also for a highly critical credential: nothing is
 * sent to the target, so the account keeps its secret and the operator holds only what they typed,
 * which opens nothing; InSync drops and a verify runs at once to say whether the vault matches; the
 * reset is audited in the same transaction. It is also how the hand-made change of a credential
 * that needs a human step is recorded, which an approval wait would leave unrecorded. The change
 * that gives someone a secret the target accepts, reset on target, does wait for an approver.
 */
async function resetInVaultOnly(deps: ResetDeps, credential: { id: number; identifier: string; kind: string; in_sync: string }, fresh: NewSecret, request: ResetRequest): Promise<ResetResult> {
  if (credential.in_sync === 'InSync' && !request.acceptInSyncLoss) {
    throw new AppFailure(
      'CONFLICT',
      `${credential.identifier} is InSync. Changing only the vault will lose that status: the vault will hold a secret the target may not accept. Confirm to go ahead.`,
      { needsInSyncConfirmation: true },
    );
  }
  const stamp = deps.now.toISOString();
  const result = await deps.db.transaction().execute(async (trx) => {
    await keepReplacedSecret(trx, deps.fields, { credentialId: credential.id, newSecret: fresh.secret, reason: deps.restoring ? 'restore' : 'reset', replacedBy: deps.actor, at: stamp });
    await trx
      .updateTable('credentials')
      .set({
        content: sealCredentialField(deps.fields, credential.id, 'content', fresh.secret),
        ...(fresh.publicKey ? { public_key: fresh.publicKey, key_type: fresh.keyType } : {}),
        in_sync: 'unknown',
        version: sql<number>`version + 1`,
        updated_at: stamp,
      })
      .where('id', '=', credential.id)
      .execute();
    // The reason for a vault-only reset is usually a NotInSync credential whose real secret is
    // known: a verify right away says whether it is InSync again.
    // The operator states the secret the target holds: that settles an Unverified change too.
    const settled = await settleByVaultReset(trx, credential.id, { actor: deps.actor, shell: deps.shell, now: deps.now });
    const verify = await createOperation(trx, { type: 'verify', credentialId: credential.id, requester: deps.actor, trigger: 'reset_credential', maxAttempts: deps.maxAttempts, priority: IMMEDIATE_PRIORITY }, deps.now);
    await appendAudit(trx, {
      actor: deps.actor,
      shell: deps.shell,
      action: 'credential.reset',
      objectType: 'credential',
      objectId: String(credential.id),
      details: { identifier: credential.identifier, mode: 'vault', generated: fresh.generated, inSyncBefore: credential.in_sync, verify: verify.code, settled, ...(deps.restoring ? { restoredHistoryEntry: deps.restoring.historyEntryId } : {}) },
    });
    return verify.code;
  });
  return { mode: 'vault', verifyOperationCode: result };
}

function label(kind: string): string {
  return kind === 'ssh_key' ? 'SSH key' : kind === 'pin' ? 'PIN' : 'password';
}
