import type { core } from 'zod';
import { ApiRuleError } from '../credentials/api-rule-error';

/**
 * The seed's codes for the two fields the seed requires: 1004/1005 when hostname or ip is missing,
 * 9005/9006 (with the rule's sentence) when one is given but is not a host name or an address;
 * 9001 lists the other fields' problems.
 */
export function deviceInputError(input: unknown, issues: readonly core.$ZodIssue[]): ApiRuleError {
  const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const given = (field: string): boolean => typeof raw[field] === 'string' && (raw[field] as string).trim() !== '';
  const first = issues[0];
  const field = first?.path[0];
  if (field === 'hostname') return given('hostname') ? new ApiRuleError(9005, first?.message ?? '') : new ApiRuleError(1004);
  if (field === 'ip') return given('ip') ? new ApiRuleError(9006, first?.message ?? '') : new ApiRuleError(1005);
  return new ApiRuleError(9001, issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
}
