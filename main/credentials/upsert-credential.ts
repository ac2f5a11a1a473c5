import type { Kysely } from 'kysely';
import type { CredentialApiErrorCode } from '../../shared/domain/api-error-codes';
import type { CredentialApiResponse } from '../../shared/domain/credential-api-response';
import type { CredentialKind } from '../../shared/domain/credential-kind';
import {
  validateCredentialUpsertRequest,
  type ParsedCredentialUpsertRequest,
} from '../../shared/domain/credential-upsert-request';
import type { CredentialView } from '../../shared/domain/credential-view';
import { applyDeviceAttributes } from '../devices/device-attributes';
import { ApiRuleError } from './api-rule-error';
import { credentialChanges, mergedSettings, type SecretChanges } from './credential-changes';
import { newCredentialIdentifier } from './credential-identifier';
import { credentialErrorResponse, credentialHeldResponse, credentialSuccessResponse } from './credential-response';
import { heldFields, holdForApproval } from './held-for-approval';
import type { BulkEditChanges } from '../../shared/domain/bulk';
import { checkExecutionSettings, ExecutionReferenceResolver, resolveParent, withoutParentNames } from './execution-references';
import { replaceTags, updateCredentials } from './credential-writes';
import { sealCredentialField, type SealedCredentialColumn } from './credential-secrets';
import { keepReplacedSecret } from './secret-history';
import { nowIso, type CredentialServiceDeps } from './credential-service-deps';
import type { CredentialsTables } from './credential-tables';
import { loadCredentialRow, toCredentialView } from './credential-view-mapper';

export type UpsertCredentialResult =
  | {
      readonly ok: true;
      readonly action: 'created' | 'updated';
      readonly response: CredentialApiResponse;
      readonly credentialId: number;
      /** Without secrets, for the caller's audit record; undefined on create. */
      readonly before: CredentialView | undefined;
      readonly after: CredentialView;
      /** Sealed columns this request wrote or cleared (their values are never returned). */
      readonly changedSecrets: readonly SealedCredentialColumn[];
      /**
       * What was not applied because it waits for an approver (issue 11): the caller files it as a
       * one-credential bulk Edit request in the same transaction (see fileHeldEdit).
       */
      readonly heldForApproval: BulkEditChanges | undefined;
    }
  | {
      readonly ok: false;
      readonly code: CredentialApiErrorCode;
      readonly response: CredentialApiResponse;
    };

export interface UpsertCredentialOptions {
  /** Echoed in the response's "tenant" as Segura does. */
  readonly tenant?: string;
}

const DEVICE_FIELDS = ['type', 'vendor', 'model', 'site', 'device_domain', 'device_tags', 'connectivities'] as const;

/**
 * Seed 004's POST api/pam/credential, in one transaction:
 * - identifier sent and existing: that credential is updated;
 * - identifier sent and new: the credential with this hostname + ip + username is updated and
 *   renamed to the new identifier, or, when there is none, a credential is created with it;
 * - no identifier (absent, null or ''): the credential with this hostname + ip + username is updated
 *   (its identifier kept and returned), or a credential is created with a new UUIDv7 identifier.
 * The device (hostname + ip) must exist (1011); device fields sent alongside update it.
 * Permission (1039) is the router's check: see permissionDeniedResponse.
 */
export async function upsertCredential(
  deps: CredentialServiceDeps,
  body: unknown,
  options: UpsertCredentialOptions = {},
): Promise<UpsertCredentialResult> {
  const validation = validateCredentialUpsertRequest(body);
  if (!validation.ok) {
    return { ok: false, code: validation.code, response: credentialErrorResponse(validation.code, validation.detail, options.tenant) };
  }
  try {
    // Inside a caller's transaction (an import) it writes there, and the caller owns the rollback:
    // a refused request may have written part of itself, so roll back (or to a savepoint) on !ok.
    if (deps.db.isTransaction) return await applyUpsert(deps, validation.request, options);
    return await deps.db.transaction().execute((trx) => applyUpsert({ ...deps, db: trx }, validation.request, options));
  } catch (error) {
    if (error instanceof ApiRuleError) {
      return { ok: false, code: error.code, response: credentialErrorResponse(error.code, error.detail, options.tenant) };
    }
    throw error;
  }
}

async function findByAccount(
  db: Kysely<CredentialsTables>,
  deviceId: number,
  username: string,
  kind: CredentialKind,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('credentials')
    .select('id')
    .where('device_id', '=', deviceId)
    .where('username', '=', username)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row?.id;
}

async function findTarget(
  db: Kysely<CredentialsTables>,
  request: ParsedCredentialUpsertRequest,
  deviceId: number,
): Promise<{ readonly id: number | undefined; readonly identifier: string | undefined }> {
  const identifier = request.identifier ?? undefined;
  if (identifier !== undefined) {
    const byIdentifier = await db.selectFrom('credentials').select('id').where('identifier', '=', identifier).executeTakeFirst();
    if (byIdentifier !== undefined) return { id: byIdentifier.id, identifier: undefined };
  }
  // A new identifier renames the account's credential; no identifier keeps the stored one.
  const byAccount = await findByAccount(db, deviceId, request.username, request.kind ?? 'password');
  return { id: byAccount, identifier };
}

async function applyUpsert(
  deps: CredentialServiceDeps,
  request: ParsedCredentialUpsertRequest,
  options: UpsertCredentialOptions,
): Promise<UpsertCredentialResult> {
  const { db } = deps;
  const stamp = nowIso(deps);
  const device = await db
    .selectFrom('devices')
    .select('id')
    .where('hostname', '=', request.hostname)
    .where('ip', '=', request.ip)
    .executeTakeFirst();
  if (device === undefined) {
    throw new ApiRuleError(1011, `No device has hostname "${request.hostname}" and IP "${request.ip}".`);
  }

  const target = await findTarget(db, request, device.id);
  const beforeRow = target.id === undefined ? undefined : await loadCredentialRow(db, { id: target.id });
  const before = beforeRow === undefined ? undefined : toCredentialView(beforeRow);

  const kind = request.kind ?? before?.kind ?? 'password';
  const clash = await findByAccount(db, device.id, request.username, kind);
  if (clash !== undefined && clash !== target.id) {
    throw new ApiRuleError(9003, `Credential ${clash} already has username "${request.username}" on this device.`);
  }

  // Everything the execution settings name must resolve (seed 004: "must exist and be registered").
  const resolver = new ExecutionReferenceResolver(db);
  const subject = { credentialId: target.id, identifier: target.identifier ?? before?.identifier ?? request.identifier ?? 'This credential', device: { hostname: request.hostname, ip: request.ip } };
  const parent = await resolveParent(resolver, subject, { parentPassword: request.parent_password, execution: request.execution_settings });
  if (!parent.ok) throw new ApiRuleError(parent.refusal.code, parent.refusal.detail);

  const sentMerged = mergedSettings(request, before);
  const merged = { ...sentMerged, execution: withoutParentNames(sentMerged.execution) };
  const checked = await checkExecutionSettings(resolver, { ...subject, kind, execution: merged.execution, jit: merged.jit });
  if (!checked.ok) throw new ApiRuleError(checked.refusal.code, checked.refusal.detail);

  if (DEVICE_FIELDS.some((field) => request[field] !== undefined)) {
    await applyDeviceAttributes(db, device.id, request, stamp);
  }

  const changes = credentialChanges({ ...request, parent_password: parent.parentId }, before, merged);
  const templateIds = request.execution_settings === undefined ? {} : { change_template_id: checked.changeTemplateId, reconciliation_template_id: checked.reconciliationTemplateId };
  const split = holdForApproval(before, { ...changes.columns, ...templateIds }, merged.execution);
  let id: number;
  let identifier: string;
  if (before === undefined) {
    identifier = target.identifier ?? deps.newIdentifier?.() ?? newCredentialIdentifier(Date.parse(stamp));
    const inserted = await db
      .insertInto('credentials')
      .values({
        identifier,
        username: request.username,
        device_id: device.id,
        kind,
        credential_type: 'Local User',
        status: 'active',
        in_sync: 'unknown',
        version: 1,
        created_at: stamp,
        updated_at: stamp,
        ...split.direct,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = inserted.id;
  } else {
    id = before.id;
    identifier = target.identifier ?? before.identifier;
    await updateCredentials(db, [id], { ...split.direct, identifier, device_id: device.id }, stamp);
  }

  const changedSecrets = await writeSecrets(deps, id, changes.secrets);
  if (changes.tags !== undefined) await replaceTags(db, [id], changes.tags);

  const afterRow = await loadCredentialRow(db, { id });
  if (afterRow === undefined) throw new Error(`Credential ${id} vanished inside its own transaction.`);
  const action = before === undefined ? 'created' : 'updated';
  return {
    ok: true,
    action,
    response: split.held === undefined ? credentialSuccessResponse(action, { id, identifier }, options.tenant) : credentialHeldResponse({ id, identifier }, heldFields(split.held), options.tenant),
    credentialId: id,
    before,
    after: toCredentialView(afterRow),
    changedSecrets,
    heldForApproval: split.held,
  };
}

async function writeSecrets(
  deps: CredentialServiceDeps,
  id: number,
  secrets: SecretChanges,
): Promise<readonly SealedCredentialColumn[]> {
  const set: Partial<Record<SealedCredentialColumn, Buffer | null>> = {};
  for (const [column, plaintext] of Object.entries(secrets) as [SealedCredentialColumn, string | null][]) {
    set[column] = plaintext === null ? null : sealCredentialField(deps.cipher, id, column, plaintext);
  }
  const columns = Object.keys(set) as SealedCredentialColumn[];
  if (secrets.content !== undefined) {
    const by = deps.secretReplacement ?? { reason: 'edit', by: 'unrecorded' };
    await keepReplacedSecret(deps.db, deps.cipher, { credentialId: id, newSecret: secrets.content, reason: by.reason, replacedBy: by.by, at: nowIso(deps) });
  }
  if (columns.length > 0) await deps.db.updateTable('credentials').set(set).where('id', '=', id).execute();
  return columns;
}
