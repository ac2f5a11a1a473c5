import { CREDENTIAL_API_ERRORS, type CredentialApiErrorCode } from '../../shared/domain/api-error-codes';
import { AppFailure, type ErrorCode } from '../../shared/errors';

type LifecycleCode = 9010 | 9011 | 9012 | 9013 | 9014 | 9015 | 9016 | 9017 | 9018 | 9019;

const WIRE_CODE: Readonly<Record<LifecycleCode, ErrorCode>> = {
  9010: 'CONFLICT',
  9011: 'CONFLICT',
  9012: 'NOT_FOUND',
  9013: 'CONFLICT',
  9014: 'CONFLICT',
  9015: 'CONFLICT',
  9016: 'CONFLICT',
  9017: 'CONFLICT',
  9018: 'CONFLICT',
  9019: 'CONFLICT',
};

/**
 * A refusal with a pamdesk code (9010-9019): the message says what is wrong (the detail names the
 * record) and what to do (the code's solution); the code travels in details.pamdeskCode, so a page
 * can show it as a secondary detail and act on it (e.g. offer to open the existing credential).
 */
export function lifecycleFailure(code: LifecycleCode, detail: string, extra: Readonly<Record<string, unknown>> = {}): AppFailure {
  const description = CREDENTIAL_API_ERRORS[code as CredentialApiErrorCode];
  return new AppFailure(WIRE_CODE[code], `${detail} ${description.solution}`, { pamdeskCode: code, ...extra });
}
