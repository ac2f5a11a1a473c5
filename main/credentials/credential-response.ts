import { formatApiErrorMessage, type CredentialApiErrorCode } from '../../shared/domain/api-error-codes';
import {
  CREDENTIAL_CREATED_MESSAGE,
  CREDENTIAL_UPDATED_MESSAGE,
  type CredentialApiResponse,
} from '../../shared/domain/credential-api-response';

/** The seed answers both creates and updates with HTTP-like code 201. */
export function credentialSuccessResponse(
  action: 'created' | 'updated',
  credential: { readonly id: number; readonly identifier: string },
  tenant?: string,
): CredentialApiResponse {
  const message = action === 'created' ? CREDENTIAL_CREATED_MESSAGE : CREDENTIAL_UPDATED_MESSAGE;
  return {
    code: 201,
    response: {
      status: 201,
      message,
      error: false,
      error_code: 0,
      detail: '',
      mensagem: message,
      erro: false,
      cod_erro: 0,
    },
    ...(tenant === undefined ? {} : { tenant }),
    credential: { id: String(credential.id), identifier: credential.identifier },
  };
}

/**
 * Issue 11: the upsert applied what it could, and the named fields of a highly critical credential
 * wait for an approver (9007). Not an error (error false): the request was accepted, as HTTP 202
 * says, and the credential is named so a client can follow it.
 */
export function credentialHeldResponse(credential: { readonly id: number; readonly identifier: string }, fields: readonly string[], tenant?: string): CredentialApiResponse {
  const message = formatApiErrorMessage(9007);
  const detail = `${credential.identifier} is highly critical, so the change of ${fields.join(', ')} was sent for approval; an approver must accept it in Approvals. The other fields were saved.`;
  return {
    code: 202,
    response: { status: 202, message, error: false, error_code: 9007, detail, mensagem: message, erro: false, cod_erro: 9007 },
    ...(tenant === undefined ? {} : { tenant }),
    credential: { id: String(credential.id), identifier: credential.identifier },
  };
}

export function credentialErrorResponse(
  code: CredentialApiErrorCode,
  detail = '',
  tenant?: string,
): CredentialApiResponse {
  const message = formatApiErrorMessage(code);
  return {
    code: 400,
    response: {
      status: 400,
      message,
      error: true,
      error_code: code,
      detail,
      mensagem: message,
      erro: true,
      cod_erro: code,
    },
    ...(tenant === undefined ? {} : { tenant }),
  };
}

/** 1039, for the router to answer when the caller lacks write permission on credentials. */
export function permissionDeniedResponse(tenant?: string): CredentialApiResponse {
  return credentialErrorResponse(
    1039,
    'Your role does not allow changing credentials; ask an administrator for PAM Core write access.',
    tenant,
  );
}
