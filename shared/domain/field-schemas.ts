import { z } from 'zod';
import { ADDITIONAL_MAX_LENGTH, hostnameProblem, ipProblem, LABEL_MAX_LENGTH, tagListProblem, textProblem, usernameProblem, type FieldProblem } from './field-rules';

/**
 * zod forms of field-rules.ts, for the request schemas: the same rules and messages wherever a
 * schema is the entry (contract channels, seed-004 settings objects, bulk edit).
 */
export function ruleSchema(problem: (value: string) => FieldProblem): z.ZodString {
  return z.string().superRefine((value, context) => {
    const found = problem(value);
    if (found !== null) context.addIssue({ code: 'custom', message: found });
  });
}

export const hostnameSchema = (label?: string) => ruleSchema((value) => hostnameProblem(value.trim(), label));
export const ipSchema = (label?: string) => ruleSchema((value) => ipProblem(value.trim(), label));
export const usernameSchema = ruleSchema(usernameProblem);
export const labelText = (label: string, max = LABEL_MAX_LENGTH) => ruleSchema((value) => textProblem(label, value, max));
export const additionalText = ruleSchema((value) => textProblem('additional information', value, ADDITIONAL_MAX_LENGTH));
export const tagListText = (label?: string) => ruleSchema((value) => tagListProblem(value, label));

/** Optional forms: absent keeps, null clears, and an empty string clears where the field allows. */
export const optionalLabel = (label: string, max?: number) => labelText(label, max).nullish();
/** An optional hostname/IP in a settings object: empty means "not set", so only a given value is checked. */
export const optionalHostname = (label: string) => ruleSchema((value) => (value.trim() === '' ? null : hostnameProblem(value.trim(), label))).nullish();
export const optionalIp = (label: string) => ruleSchema((value) => (value.trim() === '' ? null : ipProblem(value.trim(), label))).nullish();
