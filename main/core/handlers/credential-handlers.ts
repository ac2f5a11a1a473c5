import { sql } from 'kysely';
import { AppFailure } from '../../../shared/errors';
import { appendAudit } from '../../audit/append-audit';
import { credentialFacets } from '../../credentials/credential-facets';
import { createPageAnchors, type PageAnchors } from '../../credentials/page-anchors';
import { asCredentialsDb } from '../../credentials/credentials-db';
import type { VaultDatabase } from '../../vault/database/vault-schema';
import { getCredential } from '../../credentials/get-credential';
import { queryCredentials } from '../../credentials/query-credentials';
import { registerSearchRowMatch } from '../../credentials/search-row-match';
import { resetCredential } from '../../credentials/reset-credential';
import { revealSecret } from '../../credentials/reveal-secret';
import { upsertCredential } from '../../credentials/upsert-credential';
import { fileHeldEdit } from '../../bulk/held-edit-request';
import type { CallContext, Handlers } from '../../ipc/handlers';
import type { SecretClipboard } from '../../security/secret-clipboard';
import type { SecretField } from '../../../shared/contract/credential-channels';
import type { VaultSessions } from '../../session/vault-sessions';
import type { SettingsStore } from '../../settings/settings-store';
import { requireSession } from './require-session';
import { credentialDeps, credentialsDb } from './vault-access';

type CredentialChannels = 'credential.query' | 'credential.facets' | 'credential.get' | 'credential.upsert' | 'credential.reveal' | 'credential.copy' | 'credential.reset';

/** Page ends served per open vault (a new unlock is a new vault object, so anchors never cross). */
const pageAnchors = new WeakMap<object, PageAnchors>();
function anchorsOf(vault: object): PageAnchors {
  let anchors = pageAnchors.get(vault);
  if (anchors === undefined) pageAnchors.set(vault, (anchors = createPageAnchors()));
  return anchors;
}

export function credentialHandlers(
  sessions: VaultSessions,
  settings: SettingsStore,
  operationsChanged: (codes: readonly string[]) => Promise<void>,
  clipboard?: SecretClipboard,
): Pick<Handlers, CredentialChannels> {
  /** The view is counted and audited in the same transaction that reads the secret: a reveal that is not on record does not happen. */
  async function revealAudited(request: { id: number; field: SecretField; purpose: 'view' | 'copy' }, context: CallContext): Promise<string> {
      const session = requireSession(context);
      const vault = sessions.vault();
      const revealed = await vault.database.db.transaction().execute(async (trx) => {
        const secret = await revealSecret({ db: asCredentialsDb<VaultDatabase>(trx), cipher: vault.fields }, request.id, request.field);
        if (!secret) return undefined;
        await trx
          .updateTable('credentials')
          .set({ view_count: sql<number>`view_count + 1`, last_viewed_at: new Date().toISOString() })
          .where('id', '=', request.id)
          .execute();
        await appendAudit(trx, {
          actor: session.username,
          shell: context.shell,
          action: request.purpose === 'copy' ? 'credential.copy' : 'credential.reveal',
          objectType: 'credential',
          objectId: String(request.id),
          details: { identifier: secret.identifier, field: request.field },
        });
        return secret;
      });
      if (!revealed) throw new AppFailure('NOT_FOUND', `No credential has the id ${request.id}.`);
      if (revealed.secret === null) throw new AppFailure('NOT_FOUND', `Credential ${revealed.identifier} has no ${request.field === 'content' ? 'secret' : 'TOTP secret'} stored.`);
      return revealed.secret;
  }

  return {
    'credential.reset': async (request, context) => {
      const session = requireSession(context);
      const vault = sessions.vault();
      const result = await resetCredential(
        { db: vault.database.db, fields: vault.fields, actor: session.username, shell: context.shell, maxAttempts: settings.read().runner.attempts, now: new Date() },
        request,
      );
      await operationsChanged([result.mode === 'target' ? result.operationCode : result.verifyOperationCode].filter((code): code is string => code !== null));
      return result;
    },
    'credential.query': (request) => {
      // The grid's searches that match most of the vault test rows with this function (on the
      // vault's own connection, registered once) instead of reading the FTS index's whole list.
      registerSearchRowMatch(sessions.vault().database.driver);
      return queryCredentials(credentialsDb(sessions), request, { rowMatch: true, anchors: anchorsOf(sessions.vault()) });
    },
    'credential.facets': () => credentialFacets(credentialsDb(sessions)),
    'credential.get': async (request) => {
      const credential = await getCredential(credentialsDb(sessions), request.ref);
      if (!credential) throw new AppFailure('NOT_FOUND', `No credential has the id or identifier ${JSON.stringify(request.ref)}.`);
      return credential;
    },
    'credential.upsert': async (request, context) => {
      const session = requireSession(context);
      const vault = sessions.vault();
      // The change, the approval request for what a highly critical credential holds back, and
      // their audit entries commit together (a refusal thrown here rolls all of it back).
      return vault.database.db.transaction().execute(async (trx) => {
        const result = await upsertCredential({ ...credentialDeps(sessions), db: asCredentialsDb<VaultDatabase>(trx), secretReplacement: { reason: 'edit', by: session.username } }, request);
        if (!result.ok) {
          // The seed's "NNNN: text" plus the detail that names the value, so the CLI and host say what to fix.
          const { message, detail } = result.response.response;
          throw new AppFailure('VALIDATION', detail === '' ? message : `${message}: ${detail}`, { seedCode: result.code, response: result.response });
        }
        await appendAudit(trx, {
          actor: session.username,
          shell: context.shell,
          action: result.action === 'created' ? 'credential.create' : 'credential.update',
          objectType: 'credential',
          objectId: String(result.credentialId),
          details: { before: result.before ?? null, after: result.after, changedSecrets: [...result.changedSecrets] } as never,
        });
        if (result.heldForApproval === undefined) return result.response;
        const filed = await fileHeldEdit(trx, result.credentialId, result.heldForApproval, session, { now: new Date(), expiryHours: settings.read().bulkApprovalExpiryHours, shell: context.shell });
        return { ...result.response, approvalRequest: filed.code };
      });
    },
    'credential.reveal': async (request, context) => {
      const secret = await revealAudited(request, context);
      return { secret, clipboardClearSeconds: settings.read().clipboardClearSeconds };
    },
    'credential.copy': async (request, context) => {
      const secret = await revealAudited({ ...request, purpose: 'copy' }, context);
      const clearSeconds = settings.read().clipboardClearSeconds;
      if (!clipboard) return { by: 'page', secret, clearSeconds };
      clipboard.copy(secret, clearSeconds);
      return { by: 'main', clearSeconds };
    },
  };
}
