import { formatApiErrorMessage, type CredentialApiErrorCode } from '../../shared/domain/api-error-codes';

/**
 * A broken seed-004 rule, thrown inside the upsert transaction so it rolls back, then answered as
 * a 400 response with the code. `detail` names the offending value for the operator.
 */
export class ApiRuleError extends Error {
  readonly code: CredentialApiErrorCode;
  readonly detail: string;

  constructor(code: CredentialApiErrorCode, detail = '') {
    super(detail === '' ? formatApiErrorMessage(code) : `${formatApiErrorMessage(code)} (${detail})`);
    this.name = 'ApiRuleError';
    this.code = code;
    this.detail = detail;
  }
}
