import { describe, expect, it } from 'vitest';
import { credentialErrorResponse } from '../../../main/credentials/credential-response';
import { CREDENTIAL_API_ERRORS } from '../../../shared/domain/api-error-codes';
import { errorText, errorWords, fieldLabel } from '../../../renderer/errors/error-words';
import { SEED_CODE_WORDS } from '../../../renderer/errors/seed-code-words';

describe('errors in words', () => {
  it("says a refused payload field by field, as the form labels them, without the channel", () => {
    const error = {
      code: 'BAD_REQUEST' as const,
      message: 'Some of what was entered is not valid (passphrase: A passphrase needs at least 12 characters). Correct it and try again.',
      details: { channel: 'vault.create', issues: [{ path: 'passphrase', message: 'A passphrase needs at least 12 characters.' }] },
    };
    expect(errorWords(error)).toEqual({ text: 'Passphrase: A passphrase needs at least 12 characters. Correct it and try again.', secondary: undefined });
    expect(errorWords(error, { passphrase: 'New passphrase' }).text).toMatch(/^New passphrase: /);
    expect(errorText(error)).not.toContain('vault.create');
    expect(fieldLabel('execution_settings.change_template')).toBe('Change template');
  });

  it("says a rule code in the editor's terms, with the code and the offending value as a secondary detail", () => {
    const response = credentialErrorResponse(1011, 'no device has hostname "web09" and IP "10.0.0.9"');
    const error = { code: 'VALIDATION' as const, message: response.response.message, details: { seedCode: 1011, response } };
    const words = errorWords(error);
    expect(words.text).toBe('No device has this hostname and IP. Add the device first in Devices, or correct Hostname and IP.');
    expect(words.secondary).toBe('Code 1011: no device has hostname "web09" and IP "10.0.0.9"');
    expect(errorText(error)).not.toMatch(/^\d{4}:/);
    // An older core that only put the code in front of its message is still read.
    expect(errorWords({ code: 'VALIDATION', message: "1004: The device's hostname was not informed" }).secondary).toBe('Code 1004');
  });

  it('has words for every code the API defines, none of them speaking of parameters or requests', () => {
    expect(Object.keys(SEED_CODE_WORDS).sort()).toEqual(Object.keys(CREDENTIAL_API_ERRORS).sort());
    for (const words of Object.values(SEED_CODE_WORDS)) expect(`${words.what} ${words.todo}`).not.toMatch(/parameter|request|execution_settings|_credential\b/i);
  });

  it("passes main's own sentences through unchanged", () => {
    expect(errorWords({ code: 'WRONG_PASSPHRASE', message: 'The username or passphrase is wrong. Check both and try again.' })).toEqual({ text: 'The username or passphrase is wrong. Check both and try again.', secondary: undefined });
  });
});
