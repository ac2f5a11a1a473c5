import { AppFailure } from '../../../shared/errors';
import { ApiRuleError } from '../../credentials/api-rule-error';
import { credentialErrorResponse } from '../../credentials/credential-response';

/** Seed-004 rule errors cross IPC as VALIDATION failures carrying the seed's error JSON. */
export async function translatingRuleErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiRuleError) {
      const response = credentialErrorResponse(error.code, error.detail);
      throw new AppFailure('VALIDATION', response.response.message, { seedCode: error.code, response });
    }
    throw error;
  }
}
