import { describe, expect, it } from 'vitest';
import { checkPluginRequirements } from '../../../shared/domain/plugin-requirements';

describe('checkPluginRequirements', () => {
  it('requires change plugin/template only when automatic change is on', () => {
    expect(checkPluginRequirements({ automatic_change: false }, null)).toBeNull();
    expect(checkPluginRequirements({ automatic_change: true }, null)).toEqual({ code: 1046, field: 'execution_settings.change_plugin' });
    expect(checkPluginRequirements({ automatic_change: true, change_plugin: 'SSH' }, null)).toEqual({ code: 1047, field: 'execution_settings.change_template' });
    expect(checkPluginRequirements({ automatic_change: true, change_plugin: 'SSH', change_template: ' ' }, null)?.code).toBe(1047);
    expect(checkPluginRequirements({ automatic_change: true, change_plugin: 'SSH', change_template: 'T' }, null)).toBeNull();
  });

  it('requires reconciliation plugin/template when reconciliation (status) is on', () => {
    expect(checkPluginRequirements({ status: true }, null)).toEqual({ code: 1046, field: 'execution_settings.reconciliation_plugin' });
    expect(checkPluginRequirements({ status: true, reconciliation_plugin: 'SSH' }, null)?.code).toBe(1047);
  });

  it('requires JIT plugins/templates for the enabled JIT scenario only when jit is on', () => {
    expect(checkPluginRequirements(null, { jit: false, credential_creation_and_deletion: true })).toBeNull();
    expect(checkPluginRequirements(null, { jit: true, credential_creation_and_deletion: true })).toEqual({ code: 1046, field: 'jit_settings.credential_creation_plugin' });
    expect(
      checkPluginRequirements(null, { jit: true, credential_creation_and_deletion: true, credential_creation_plugin: 'SSH', credential_creation_template: 'a', credential_deletion_template: 'b' }),
    ).toEqual({ code: 1046, field: 'jit_settings.credential_deletion_plugin' });
    expect(
      checkPluginRequirements(null, { jit: true, enable_disable_credential: true, credential_enable_plugin: 'LDAP', credential_disable_plugin: 'LDAP', credential_enable_template: 'a' }),
    ).toEqual({ code: 1047, field: 'jit_settings.credential_disable_template' });
  });

  it('reports a missing plugin before a missing template', () => {
    expect(checkPluginRequirements({ automatic_change: true, change_plugin: 'SSH' }, { jit: true, enable_disable_credential: true, credential_enable_template: 'x' })?.code).toBe(1046);
  });
});
