import type { BuiltinTagName } from '../../shared/domain/template-tags';
import { isSecretBuiltinTag } from '../../shared/domain/template-tags';
import type { RenderContext } from './render-context';
import { totp } from './totp';

/** A tag's value for one run, or why there is none. */
export type TagValue =
  | { readonly available: true; readonly value: string; readonly secret: boolean }
  | { readonly available: false; readonly reason: string; readonly secret: boolean };

export type TagValues = ReadonlyMap<string, TagValue>;

/**
 * The value of every built-in tag and declared variable for one run. TOTP_TOKEN is computed at
 * `nowMs`, so render just before sending. COE_SENHA is the password typed at sudo or enable: the
 * authentication credential's when one logs in, otherwise the credential's own current password.
 */
export function buildTagValues(context: RenderContext, nowMs: number = Date.now()): TagValues {
  const values = new Map<string, TagValue>();
  const auth = context.authCredential ?? null;
  const set = (name: BuiltinTagName, value: string | null | undefined, missing: string) => values.set(name, tagValue(value, isSecretBuiltinTag(name), missing));

  set('USERNAME', context.credential.username, 'the credential has no username');
  set('CURRENT_PASSWORD', context.credential.currentPassword, 'the credential has no current password in the vault');
  set('NEW_PASSWORD', context.newPassword, 'this run has no new password (only change operations generate one)');
  set('ADD_INFO', context.credential.additionalInfo, 'the credential\'s "Additional information" is empty');
  set('SERVER_PATH', context.credential.serverPath, 'the credential has no server path');
  set('IP', context.device.ip, 'the device has no IP');
  set('HOSTNAME', context.device.hostname, 'the device has no hostname');
  set('DOMAIN', context.device.domain, 'the device has no domain');
  set('AUTH_USER', auth?.username, 'no authentication credential is set for this credential');
  set('AUTH_PASSWORD', auth?.password, auth === null ? 'no authentication credential is set for this credential' : 'the authentication credential has no password');
  set('AUTH_DOMAIN', auth?.domain, auth === null ? 'no authentication credential is set for this credential' : 'the authentication credential has no domain');
  set(
    'COE_SENHA',
    auth === null ? context.credential.currentPassword : auth.password,
    auth === null ? 'the credential has no current password in the vault' : 'the authentication credential has no password',
  );
  values.set('TOTP_TOKEN', totpValue(context.credential.totpSecret, nowMs));
  values.set('NEW_PUBLIC_KEY', keyValue(context.sshKey?.newPublicKey, 'this run has no new SSH public key'));
  values.set('OLD_PUBLIC_KEY', keyValue(context.sshKey?.oldPublicKey, 'there is no previous SSH public key to replace'));
  set('KEY_COMMENT', context.sshKey?.comment, 'this run has no SSH key comment');
  for (const variable of context.variables ?? []) {
    values.set(variable.name, tagValue(variable.value, variable.secret, `the template variable ${variable.name} has no value`));
  }
  return values;
}

function tagValue(value: string | null | undefined, secret: boolean, missing: string): TagValue {
  return value === null || value === undefined || value === '' ? { available: false, reason: missing, secret } : { available: true, value, secret };
}

function totpValue(secret: string | null | undefined, nowMs: number): TagValue {
  if (secret === null || secret === undefined || secret.trim() === '') return { available: false, reason: 'the credential has no TOTP secret', secret: true };
  try {
    return { available: true, value: totp(secret, nowMs), secret: true };
  } catch (error) {
    return { available: false, reason: `the TOTP secret cannot be used: ${error instanceof Error ? error.message : String(error)}`, secret: true };
  }
}

/** "type base64 comment" → "type base64": the template adds the marker comment itself. */
export function publicKeyMaterial(line: string): string {
  const [type, data] = line.trim().split(/\s+/);
  if (type === undefined || data === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) {
    throw new Error('This is not an OpenSSH public key line ("type base64 [comment]"); paste the line from the .pub file');
  }
  return `${type} ${data}`;
}

function keyValue(line: string | null | undefined, missing: string): TagValue {
  if (line === null || line === undefined || line.trim() === '') return { available: false, reason: missing, secret: false };
  try {
    return { available: true, value: publicKeyMaterial(line), secret: false };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error), secret: false };
  }
}
