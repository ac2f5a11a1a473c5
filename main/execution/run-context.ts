import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/errors';
import { parseConnectivityList, type Connectivity } from '../../shared/domain/connectivity-list';
import { effectiveDeviceShell, type DeviceShell } from '../../shared/domain/device-shell';
import { connectsAsItself, type ExecutionSettings, type JitSettings } from '../../shared/domain/credential-settings';
import { findReferencedCredential, type CredentialReference } from '../credentials/credential-reference';
import { openCredentialField } from '../credentials/credential-secrets';
import { asCredentialsDb } from '../credentials/credentials-db';
import { certificatePins } from '../devices/trust-host-key';
import type { RenderContext } from '../templates/render-context';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { FieldCipher } from '../vault/field-cipher';

export interface LoginIdentity {
  readonly username: string;
  readonly kind: 'password' | 'ssh_key' | 'pin';
  /** The password, or the OpenSSH private key for an SSH-key credential. */
  readonly secret: string | null;
  readonly domain: string | null;
}

/** Everything a run against one credential needs, read from the vault in one place. */
export interface CredentialRunContext {
  readonly credentialId: number;
  readonly identifier: string;
  readonly own: LoginIdentity;
  readonly additionalInfo: string | null;
  readonly serverPath: string | null;
  readonly totpSecret: string | null;
  readonly publicKey: string | null;
  readonly device: {
    readonly id: number;
    readonly hostname: string;
    readonly ip: string;
    readonly domain: string | null;
    readonly sshPort: number;
    /** Seed 004's connectivities ("SSH:22,Telnet:23"): each executor's port. */
    readonly connectivities: readonly Connectivity[];
    /** What reads the template's lines (set on the device, else from its type and vendor). */
    readonly shell: DeviceShell;
    readonly hostKeyFingerprint: string | null;
    /** TLS certificates pinned per protocol ("LDAP"), as main/devices/trust-host-key.ts pins them. */
    readonly certificatePins: Readonly<Record<string, string>>;
  };
  readonly settings: ExecutionSettings | null;
  readonly jit: JitSettings | null;
  /** Who logs in to run the template: the credential itself, or its authentication credential. */
  readonly login: LoginIdentity;
  /**
   * Set when the execution settings name an authentication credential that is not in the vault (it
   * may be deleted after save): what is wrong and what to do. Runs that need `login` must refuse.
   */
  readonly loginProblem: string | null;
  /** The credential used to reconcile (set a secret without knowing the current one). */
  readonly reconciliation: LoginIdentity | null;
  /** Like loginProblem, for a named reconciliation credential that is not in the vault. */
  readonly reconciliationProblem: string | null;
  /** The templates the settings name, by id (migration 0010): a renamed template still runs. */
  readonly changeTemplateId: number | null;
  readonly reconciliationTemplateId: number | null;
}

export async function loadRunContext(db: Kysely<VaultDatabase>, fields: FieldCipher, credentialId: number): Promise<CredentialRunContext> {
  const row = await db
    .selectFrom('credentials as c')
    .innerJoin('devices as d', 'd.id', 'c.device_id')
    .leftJoin('device_types as dt', 'dt.id', 'd.type_id')
    .leftJoin('device_vendors as dv', 'dv.id', 'd.vendor_id')
    .select([
      'c.id',
      'c.identifier',
      'c.username',
      'c.kind',
      'c.content',
      'c.domain',
      'c.additional',
      'c.server_path',
      'c.totp_secret',
      'c.public_key',
      'c.execution_settings',
      'c.jit_settings',
      'c.change_template_id',
      'c.reconciliation_template_id',
      'd.id as device_id',
      'd.hostname',
      'd.ip',
      'd.connectivities',
      'd.host_key_fingerprint',
      'd.shell',
      'dt.name as device_type',
      'dv.name as device_vendor',
      (eb) =>
        eb
          .selectFrom('device_domains as dd')
          .innerJoin('domains as dm', 'dm.id', 'dd.domain_id')
          .select('dm.name')
          .whereRef('dd.device_id', '=', 'd.id')
          .orderBy('dm.name')
          .limit(1)
          .as('device_domain'),
    ])
    .where('c.id', '=', credentialId)
    .executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', `Credential ${credentialId} or its device is no longer in the vault: the operation cannot run. Cancel it, or restore the credential and its device.`);
  const settings = row.execution_settings ? (JSON.parse(row.execution_settings) as ExecutionSettings) : null;
  const own: LoginIdentity = {
    username: row.username,
    kind: row.kind,
    secret: row.content ? openCredentialField(fields, row.id, 'content', row.content) : null,
    domain: row.domain,
  };
  // No silent fallback: a credential set not to connect as itself runs only as its authentication
  // credential (the save-time check, code 9105, keeps this from being stored). A named credential that
  // is missing is not an exception: only the runs that need it fail, with a message; a fresh login as
  // the credential itself (the proof logins) still works.
  const useOwn = connectsAsItself(settings?.use_own_credential_to_connect);
  const ownDevice = { hostname: row.hostname, ip: row.ip };
  const login: LoginIdentity | { readonly problem: string } = useOwn
    ? own
    : !settings?.authentication_credential?.trim()
      ? { problem: `${row.identifier} is set not to connect as itself but names no authentication credential: choose one, or tick "Use own credential to connect", in its execution settings.` }
      : await findIdentity(db, fields, { name: settings.authentication_credential, hostname: settings.authentication_hostname, ip: settings.authentication_ip }, ownDevice, 'authentication');
  const reconciliation = settings?.reconciliation_credential
    ? await findIdentity(db, fields, { name: settings.reconciliation_credential, hostname: settings.reconciliation_hostname, ip: settings.reconciliation_ip }, ownDevice, 'reconciliation')
    : null;
  const parsed = parseConnectivityList(row.connectivities ?? '');
  const connectivities = parsed.ok ? parsed.connectivities : [];
  const sshPort = connectivities.find((c) => c.protocol.toUpperCase() === 'SSH')?.port ?? 22;
  const shell = effectiveDeviceShell({ shell: row.shell, type: row.device_type, vendor: row.device_vendor });
  return {
    credentialId: row.id,
    identifier: row.identifier,
    own,
    additionalInfo: row.additional,
    serverPath: row.server_path,
    totpSecret: row.totp_secret ? openCredentialField(fields, row.id, 'totp_secret', row.totp_secret) : null,
    publicKey: row.public_key,
    device: {
      id: row.device_id,
      hostname: row.hostname,
      ip: row.ip,
      domain: row.device_domain ?? null,
      sshPort,
      connectivities,
      shell,
      hostKeyFingerprint: row.host_key_fingerprint,
      certificatePins: await certificatePins(asCredentialsDb(db), row.device_id),
    },
    settings,
    jit: row.jit_settings ? (JSON.parse(row.jit_settings) as JitSettings) : null,
    login: 'problem' in login ? own : login,
    loginProblem: 'problem' in login ? login.problem : null,
    reconciliation: reconciliation === null || 'problem' in reconciliation ? null : reconciliation,
    reconciliationProblem: reconciliation !== null && 'problem' in reconciliation ? reconciliation.problem : null,
    changeTemplateId: row.change_template_id,
    reconciliationTemplateId: row.reconciliation_template_id,
  };
}

/** The credential execution settings name, read as the save-time check reads it (findReferencedCredential). */
async function findIdentity(db: Kysely<VaultDatabase>, fields: FieldCipher, reference: CredentialReference, ownDevice: { hostname: string; ip: string }, role: string): Promise<LoginIdentity | { readonly problem: string }> {
  const ref = await findReferencedCredential(asCredentialsDb(db), reference, ownDevice);
  const found = ref === undefined ? undefined : await db.selectFrom('credentials').select(['id', 'username', 'kind', 'content', 'domain']).where('id', '=', ref.id).executeTakeFirst();
  if (!found) {
    return { problem: `The ${role} credential "${reference.name}" (${reference.hostname ?? ownDevice.hostname}, ${reference.ip ?? ownDevice.ip}) named in the execution settings is not in the vault: add it, or choose another ${role} credential in the execution settings.` };
  }
  return { username: found.username, kind: found.kind, secret: found.content ? openCredentialField(fields, found.id, 'content', found.content) : null, domain: found.domain };
}

/** The template's view of a run: which values its tags can use. */
export function renderContextFor(context: CredentialRunContext, extra: { newPassword?: string | null; newPublicKey?: string | null; keyComment?: string | null; variables?: RenderContext['variables'] } = {}): RenderContext {
  const authIsOther = context.login !== context.own;
  return {
    credential: { username: context.own.username, currentPassword: context.own.secret, additionalInfo: context.additionalInfo, serverPath: context.serverPath, totpSecret: context.totpSecret },
    device: { ip: context.device.ip, hostname: context.device.hostname, domain: context.device.domain },
    authCredential: authIsOther ? { username: context.login.username, password: context.login.secret, domain: context.login.domain } : null,
    newPassword: extra.newPassword ?? null,
    sshKey: { newPublicKey: extra.newPublicKey ?? null, oldPublicKey: context.publicKey, comment: extra.keyComment ?? null },
    variables: extra.variables ?? [],
  };
}
