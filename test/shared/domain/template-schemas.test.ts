import { describe, expect, it } from 'vitest';
import { templateDiagnosticSchema } from '../../../shared/domain/template-diagnostic';
import { templateInputSchema, templateVersionSchema } from '../../../shared/domain/template';
import { TEMPLATE_TAGS, isSecretBuiltinTag } from '../../../shared/domain/template-tags';

describe('template schemas', () => {
  it('marks exactly the password-like tags as secret', () => {
    expect(TEMPLATE_TAGS.filter((t) => t.secret).map((t) => t.name).sort()).toEqual(['AUTH_PASSWORD', 'COE_SENHA', 'CURRENT_PASSWORD', 'NEW_PASSWORD', 'TOTP_TOKEN']);
    expect(isSecretBuiltinTag('USERNAME')).toBe(false);
  });

  it('variable names follow the tag spelling', () => {
    const input = { name: 't', executor: 'ssh', operation_type: 'verify', active: true, body: '', variables: [{ name: 'service', secret: false }] };
    const result = templateInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/upper case letters/);
  });

  it('versions start at 1', () => {
    expect(templateVersionSchema.safeParse({ template_id: 1, version: 0, body: '', variables: [], created_at: 'x', created_by: 'y' }).success).toBe(false);
  });

  it('diagnostics are 1-based', () => {
    expect(templateDiagnosticSchema.safeParse({ line: 0, column: 1, length: 1, severity: 'error', code: 'unknown-tag', message: 'm' }).success).toBe(false);
  });
});
