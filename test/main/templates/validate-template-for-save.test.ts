import { describe, expect, it } from 'vitest';
import { validateTemplateForSave } from '../../../main/templates/validate-template-for-save';

const VALID = {
  name: 'Restart a service',
  executor: 'ssh',
  operation_type: 'verify',
  active: true,
  variables: [{ name: 'SERVICE', secret: false, value: 'nginx' }],
  body: 'expect-regex "/[$#] ?$/"\nexec "sudo systemctl restart [#SERVICE|sh#]"\nend',
};

describe('validateTemplateForSave', () => {
  it('accepts a valid template', () => {
    expect(validateTemplateForSave(VALID)).toEqual({ ok: true, diagnostics: [], field_errors: [] });
  });

  it('warnings do not block the save', () => {
    const result = validateTemplateForSave({ ...VALID, body: 'exec sudo -k\nend' });
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['unquoted-argument']);
  });

  it('an error in the body blocks it, with line and column', () => {
    const result = validateTemplateForSave({ ...VALID, variables: [] });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'unknown-tag', line: 2, column: 30, severity: 'error' })]);
  });

  it('metadata errors come back per field, and the body is still linted', () => {
    const result = validateTemplateForSave({ ...VALID, name: ' ', executor: 'winrm', variables: [{ name: 'USERNAME', secret: false }], body: 'bogus' });
    expect(result.ok).toBe(false);
    expect(result.field_errors.map((e) => e.path.join('.'))).toEqual(expect.arrayContaining(['name', 'executor']));
    expect(result.diagnostics.map((d) => d.code)).toEqual(['unknown-command']);
  });

  it('refuses a variable that shadows a built-in tag or is declared twice', () => {
    const result = validateTemplateForSave({ ...VALID, variables: [{ name: 'USERNAME', secret: false }, { name: 'X', secret: false }, { name: 'X', secret: true }] });
    expect(result.field_errors).toEqual([
      { path: ['variables', 0, 'name'], message: 'USERNAME is a built-in tag; give the variable another name' },
      { path: ['variables', 2, 'name'], message: 'X is declared twice; remove one' },
    ]);
  });
});
