import { Attribute, BerWriter, Change, InvalidCredentialsError, ResultCodeError } from 'ldapts';
import type { SshAuth, SshFailure, SshRunResult, SshTarget } from '../ssh/ssh-types';
import { TranscriptRecorder } from '../ssh/transcript-recorder';
import { messageOf, openLdapConnection } from './ldap-connection';
import type { LdapTimeouts, RenderedLdapStep } from './ldap-template-ast';

/** RFC 3062's Password Modify extended operation. */
export const PASSWORD_MODIFY_OID = '1.3.6.1.4.1.4203.1.11.1';

export interface LdapRunInput {
  readonly steps: readonly RenderedLdapStep[];
  readonly secrets: readonly string[];
  readonly timeouts: LdapTimeouts;
  readonly signal?: AbortSignal;
}

/**
 * Runs a rendered LDAP template as one login: a TLS session checked against the pin (nothing is
 * sent before), then each step in order. Whether the directory may have changed decides the
 * failure kind: until the first modify or password-modify request leaves, every failure is one
 * the runner knows left the account as it was (unreachable, auth-failed, invalid-step, aborted);
 * after it, a lost answer is 'timeout' or 'connection-closed' and a refusal 'pattern-seen', so the
 * runner proves which password works before it decides anything.
 */
export async function runLdapProgram(target: SshTarget, auth: SshAuth, input: LdapRunInput): Promise<SshRunResult> {
  if (!('password' in auth)) return { ok: false, failure: { kind: 'invalid-step', message: ldapKeyRefusal(auth.username) }, transcript: [] };
  const recorder = new TranscriptRecorder([...input.secrets, auth.password].filter((s) => s !== ''));
  const fail = (failure: SshFailure): SshRunResult => ({ ok: false, failure, transcript: recorder.masked() });
  if (input.signal?.aborted) return fail({ kind: 'aborted', message: 'The run was cancelled before connecting; nothing was sent.' });
  const connection = await openLdapConnection(target, input.timeouts);
  if (!connection.ok) {
    recorder.note(connection.failure.message);
    return fail(connection.failure);
  }
  const client = connection.client;
  recorder.note(`${connection.tls === 'ldaps' ? 'LDAPS' : 'StartTLS'} session to ${target.host}:${target.port}; certificate ${connection.fingerprint} is the pinned one`);
  /** A modifying request left (its answer may be lost), and how many were applied. */
  let changeSent = false;
  let applied = 0;
  let aborted = false;
  const onAbort = (): void => {
    aborted = true;
    void client.unbind().catch(() => undefined);
  };
  input.signal?.addEventListener('abort', onAbort, { once: true });
  let entry: string | null = null;
  let current: RenderedLdapStep | undefined;
  try {
    for (const step of input.steps) {
      current = step;
      recorder.step(step.line, transcriptText(step));
      switch (step.kind) {
        case 'bind': {
          const name = step.name ?? auth.username;
          await client.bind(name, auth.password);
          recorder.note(`bound as ${name}`);
          break;
        }
        case 'find': {
          const result = await client.search(step.base, { scope: 'sub', filter: step.filter, attributes: ['1.1'], sizeLimit: 2 });
          if (result.searchEntries.length !== 1) {
            return fail(findFailure(step, result.searchEntries.length, applied > 0));
          }
          entry = result.searchEntries[0]?.dn ?? null;
          recorder.note(`found ${entry ?? ''}`);
          break;
        }
        case 'modify': {
          if (entry === null) return fail({ kind: 'invalid-step', line: step.line, step: 'exec', message: 'A modify came before any find located the entry to change; nothing was changed.' });
          const changes = step.changes.map((c) => new Change({ operation: c.operation, modification: new Attribute({ type: c.attribute, values: [...c.values] }) }));
          changeSent = true;
          await client.modify(entry, changes);
          applied += 1;
          recorder.note(`modified ${entry}`);
          break;
        }
        case 'password-modify':
          changeSent = true;
          await client.exop(PASSWORD_MODIFY_OID, passwordModifyRequest(entry, step.oldPassword, step.newPassword));
          applied += 1;
          recorder.note(`password changed for ${entry ?? 'the bound account'}`);
          break;
      }
    }
    await client.unbind().catch(() => undefined);
    return { ok: true, transcript: recorder.masked() };
  } catch (error) {
    await client.unbind().catch(() => undefined);
    recorder.note(messageOf(error));
    return fail(classify(error, current, { sent: changeSent, applied }, aborted));
  } finally {
    input.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * The BER value of a PasswdModifyRequest (RFC 3062 section 2): SEQUENCE { userIdentity [0],
 * oldPasswd [1], newPasswd [2] }, each optional; without userIdentity the server changes the bound
 * account's password, without oldPasswd an administrator resets it.
 */
export function passwordModifyRequest(userIdentity: string | null, oldPassword: string | null, newPassword: string): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  if (userIdentity !== null) writer.writeBuffer(Buffer.from(userIdentity, 'utf8'), 0x80);
  if (oldPassword !== null) writer.writeBuffer(Buffer.from(oldPassword, 'utf8'), 0x81);
  writer.writeBuffer(Buffer.from(newPassword, 'utf8'), 0x82);
  writer.endSequence();
  return writer.buffer;
}

export function ldapKeyRefusal(username: string): string {
  return `${username} logs in with an SSH key, which LDAP cannot use: an LDAP bind takes a password. Choose an authentication credential with a password.`;
}

/** A step in the transcript: names and filters, never attribute values or passwords. */
function transcriptText(step: RenderedLdapStep): string {
  switch (step.kind) {
    case 'bind':
      return step.name === null ? 'bind as the login' : `bind ${JSON.stringify(step.name)}`;
    case 'find':
      return `find ${JSON.stringify(step.base)} ${step.filter}`;
    case 'modify':
      return `modify: ${step.changes.map((c) => `${c.operation} ${c.attribute}`).join(', ')}`;
    case 'password-modify':
      return `password-modify (RFC 3062)${step.oldPassword === null ? ', without the old password' : ', with the old password'}`;
  }
}

function findFailure(step: Extract<RenderedLdapStep, { kind: 'find' }>, count: number, changeSent: boolean): SshFailure {
  const what = count === 0 ? 'no entry matches' : 'more than one entry matches';
  return {
    kind: changeSent ? 'pattern-seen' : 'invalid-step',
    line: step.line,
    step: 'exec',
    message: `find ${JSON.stringify(step.base)} ${step.filter}: ${what}, so nothing ${changeSent ? 'more ' : ''}was changed. The filter must find exactly the one account (check the username and the base DN).`,
  };
}

function classify(error: unknown, step: RenderedLdapStep | undefined, changes: { readonly sent: boolean; readonly applied: number }, aborted: boolean): SshFailure {
  const line = step?.line;
  const where = line === undefined ? {} : { line, step: 'exec' as const };
  const message = messageOf(error);
  if (aborted) {
    return changes.sent
      ? { kind: 'connection-closed', ...where, message: `The run was cancelled after a change was sent; whether the directory applied it is unknown (${message}).` }
      : { kind: 'aborted', ...where, message: 'The run was cancelled before any change was sent.' };
  }
  if (error instanceof InvalidCredentialsError && step?.kind === 'bind' && changes.applied === 0) {
    return { kind: 'auth-failed', ...where, message: `The directory refused the bind as ${JSON.stringify(step.name ?? 'the login')} with the login's password (invalid credentials); nothing was changed.` };
  }
  if (error instanceof ResultCodeError) {
    // An LDAP operation is atomic: the refused one did nothing, but an earlier one of the run may have.
    const earlier = changes.applied > 0;
    return {
      kind: earlier ? 'pattern-seen' : 'invalid-step',
      ...where,
      message: `The directory refused ${step?.kind ?? 'the request'}: ${message} (LDAP result ${error.code}); ${earlier ? 'an earlier change of this run was applied' : 'nothing was changed'}.`,
    };
  }
  const pending = changes.sent && step !== undefined && (step.kind === 'modify' || step.kind === 'password-modify');
  if (changes.applied === 0 && !pending) return { kind: 'unreachable', ...where, message: `The LDAP session broke before any change was sent: ${message}.` };
  return /timeout/i.test(message)
    ? { kind: 'timeout', ...where, message: `No answer to ${step?.kind ?? 'the request'} in time; whether the directory applied it is unknown.` }
    : { kind: 'connection-closed', ...where, message: `The LDAP session broke after a change was sent (${message}); whether the directory applied it is unknown.` };
}
