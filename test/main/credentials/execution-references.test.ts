import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertCredential, type UpsertCredentialResult } from '../../../main/credentials/upsert-credential';
import { openTestVault, type TestVault } from './test-db';
import { seedDevice, seedTemplate, W2016 } from './fixtures';

let vault: TestVault;
let changeTemplate: number;
let reconcileTemplate: number;
beforeEach(async () => {
  vault = await openTestVault();
  await seedDevice(vault);
  await seedDevice(vault, { hostname: 'jump', ip: '10.0.0.9' });
  changeTemplate = await seedTemplate(vault, 'Linux - Change password as root');
  reconcileTemplate = await seedTemplate(vault, 'Linux - Reconcile password as root', { operation_type: 'reconcile' });
  await seedTemplate(vault, 'Linux - Verify', { operation_type: 'verify' });
  await seedTemplate(vault, 'Old change', { active: false });
  await seedTemplate(vault, 'Key add', { operation_type: 'ssh_key_rotation' });
});
afterEach(async () => vault.close());

const CHANGE = { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change password as root', use_own_credential_to_connect: true } as const;

function ok(result: UpsertCredentialResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.response.response.message} ${result.response.response.detail}`);
  return result;
}

async function save(body: Record<string, unknown>) {
  return upsertCredential(vault.deps, { ...W2016, ...body });
}

async function refused(body: Record<string, unknown>, code: number): Promise<string> {
  const result = await save(body);
  if (result.ok) throw new Error(`expected ${code}, but the credential was saved`);
  expect(result.code).toBe(code);
  expect(result.response.response.error_code).toBe(code);
  expect(result.response.response.message).toMatch(new RegExp(`^${code}: `));
  return result.response.response.detail;
}

async function columns(id: number) {
  return vault.db.selectFrom('credentials').select(['change_template_id', 'reconciliation_template_id', 'parent_credential_id', 'needs_human_interaction']).where('id', '=', id).executeTakeFirstOrThrow();
}

describe('execution settings checked at save: every pick-list refusal has its code', () => {
  it('9105: use_own_credential_to_connect false without an authentication credential is refused', async () => {
    const detail = await refused({ username: 'app', execution_settings: { ...CHANGE, use_own_credential_to_connect: false } }, 9105);
    expect(detail).toContain('authentication_credential');
    expect(await vault.db.selectFrom('credentials').select('id').execute()).toEqual([]);
  });

  it('9106: an authentication credential that is not in the vault is refused; an existing one is accepted', async () => {
    await refused({ username: 'app', execution_settings: { ...CHANGE, use_own_credential_to_connect: false, authentication_credential: 'nobody', authentication_hostname: 'jump', authentication_ip: '10.0.0.9' } }, 9106);
    ok(await upsertCredential(vault.deps, { username: 'root', hostname: 'jump', ip: '10.0.0.9', identifier: 'jump-root' }));
    // By username on the named device, and by identifier.
    ok(await save({ username: 'app', execution_settings: { ...CHANGE, use_own_credential_to_connect: false, authentication_credential: 'root', authentication_hostname: 'jump', authentication_ip: '10.0.0.9' } }));
    ok(await save({ username: 'app2', execution_settings: { ...CHANGE, use_own_credential_to_connect: false, authentication_credential: 'jump-root' } }));
  });

  it('9101: a plugin that is not a registered executor', async () => {
    const detail = await refused({ username: 'app', execution_settings: { ...CHANGE, change_plugin: 'Gopher' } }, 9101);
    expect(detail).toContain('"Gopher" is not an executor pamdesk knows: choose one of SSH, Telnet');
    const lacking = await refused({ username: 'app', execution_settings: { ...CHANGE, change_plugin: 'Tk Expect' } }, 9101);
    expect(lacking).toContain('Tk Expect executor, which pamdesk does not have');
    // A registered plugin with a template of another executor is 9104, naming both.
    const other = await refused({ username: 'app', execution_settings: { ...CHANGE, change_plugin: 'Telnet' } }, 9104);
    expect(other).toContain('is a template for the SSH executor, not for the Telnet plugin');
    await refused({ username: 'app', execution_settings: { status: true, reconciliation_plugin: 'Oracle', reconciliation_template: 'Linux - Reconcile password as root', reconciliation_credential: 'x' } }, 9101);
    // Names match without regard to case.
    ok(await save({ username: 'app', execution_settings: { ...CHANGE, change_plugin: 'ssh' } }));
  });

  it('9102: a template that does not exist', async () => {
    const detail = await refused({ username: 'app', execution_settings: { ...CHANGE, change_template: '3COM' } }, 9102);
    expect(detail).toContain('"3COM"');
  });

  it('9103: an inactive template for an enabled change; a disabled change may keep it', async () => {
    await refused({ username: 'app', execution_settings: { ...CHANGE, change_template: 'Old change' } }, 9103);
    ok(await save({ username: 'app', execution_settings: { ...CHANGE, automatic_change: false, change_template: 'Old change' } }));
  });

  it('9104: a template of the wrong operation type for the action or the credential kind', async () => {
    await refused({ username: 'app', execution_settings: { ...CHANGE, change_template: 'Linux - Verify' } }, 9104);
    await refused({ username: 'app', execution_settings: { ...CHANGE, change_template: 'Linux - Reconcile password as root' } }, 9104);
    await refused({ username: 'app', execution_settings: { status: true, reconciliation_plugin: 'SSH', reconciliation_template: 'Linux - Change password as root', reconciliation_credential: 'x' } }, 9104);
    // An SSH-key credential rotates its key: a password change template does not fit it.
    await refused({ username: 'app', kind: 'ssh_key', execution_settings: CHANGE }, 9104);
    ok(await save({ username: 'app', kind: 'ssh_key', execution_settings: { ...CHANGE, change_template: 'Key add' } }));
  });

  it('9107/9108: reconciliation on needs an existing reconciliation credential', async () => {
    const reconcile = { status: true, reconciliation_plugin: 'SSH', reconciliation_template: 'Linux - Reconcile password as root' };
    await refused({ username: 'app', execution_settings: reconcile }, 9107);
    await refused({ username: 'app', execution_settings: { ...reconcile, reconciliation_credential: 'ghost' } }, 9108);
    ok(await save({ username: 'root', identifier: 'w-root' }));
    const saved = ok(await save({ username: 'app', execution_settings: { ...CHANGE, ...reconcile, reconciliation_credential: 'w-root' } }));
    expect(await columns(saved.credentialId)).toMatchObject({ change_template_id: changeTemplate, reconciliation_template_id: reconcileTemplate });
  });

  it('stores the template ids beside the names, and clears them when the template is removed from the settings', async () => {
    const saved = ok(await save({ username: 'app', identifier: 'app', execution_settings: CHANGE }));
    expect(await columns(saved.credentialId)).toMatchObject({ change_template_id: changeTemplate, reconciliation_template_id: null });
    expect(saved.after.execution_settings?.change_template).toBe('Linux - Change password as root');
    ok(await save({ username: 'app', identifier: 'app', execution_settings: { automatic_change: false, change_template: null } }));
    expect(await columns(saved.credentialId)).toMatchObject({ change_template_id: null });
  });
});

describe('parent credential: seed 004 names resolve, cycles are refused', () => {
  it('parent_credential resolves by identifier or by username + parent_hostname + parent_ip; 9002 when it names nothing', async () => {
    const jumpRoot = ok(await upsertCredential(vault.deps, { username: 'root', hostname: 'jump', ip: '10.0.0.9', identifier: 'jump-root' }));
    const byName = ok(await save({ username: 'a', execution_settings: { parent_credential: 'root', parent_hostname: 'jump', parent_ip: '10.0.0.9' } }));
    expect(byName.after.parent_credential_id).toBe(jumpRoot.credentialId);
    // The names are resolved once; the parent is the stored link, not text that can go stale.
    expect(byName.after.execution_settings).toBeNull();
    const byIdentifier = ok(await save({ username: 'b', execution_settings: { parent_credential: 'jump-root' } }));
    expect(byIdentifier.after.parent_credential_id).toBe(jumpRoot.credentialId);
    const detail = await refused({ username: 'c', execution_settings: { parent_credential: 'root', parent_hostname: 'nowhere', parent_ip: '10.9.9.9' } }, 9002);
    expect(detail).toContain('"root"');
    // An empty parent_credential removes the parent.
    const cleared = ok(await save({ username: 'b', execution_settings: { parent_credential: '' } }));
    expect(cleared.after.parent_credential_id).toBeNull();
  });

  it('9109: a credential cannot be its own parent, nor the parent of its ancestor (any length)', async () => {
    const a = ok(await save({ username: 'a', identifier: 'A' }));
    const b = ok(await save({ username: 'b', identifier: 'B', parent_password: a.credentialId }));
    const c = ok(await save({ username: 'c', identifier: 'C', execution_settings: { parent_credential: 'B' } }));
    expect(c.after.parent_credential_id).toBe(b.credentialId);
    await refused({ username: 'a', identifier: 'A', parent_password: a.credentialId }, 9109);
    await refused({ username: 'a', identifier: 'A', parent_password: b.credentialId }, 9109);
    const detail = await refused({ username: 'a', identifier: 'A', execution_settings: { parent_credential: 'C' } }, 9109);
    expect(detail).toContain('cycle');
    expect((await columns(a.credentialId)).parent_credential_id).toBeNull();
  });
});

describe('needs_human_interaction (pamdesk extension of the seed-004 body)', () => {
  it('is stored from a lenient boolean, shown on the view, and cleared by false', async () => {
    const marked = ok(await save({ username: 'mfa', identifier: 'mfa', needs_human_interaction: 'true' }));
    expect(marked.after.needs_human_interaction).toBe(true);
    expect((await columns(marked.credentialId)).needs_human_interaction).toBe(1);
    const kept = ok(await save({ username: 'mfa', identifier: 'mfa', tags: 'x' }));
    expect(kept.after.needs_human_interaction).toBe(true);
    const cleared = ok(await save({ username: 'mfa', identifier: 'mfa', needs_human_interaction: false }));
    expect(cleared.after.needs_human_interaction).toBe(false);
  });
});
