import { describe, expect, it } from 'vitest';
import { useBulkWorld, type BulkWorld } from '../bulk/bulk-fixture';

const world = useBulkWorld();

async function auditActions(w: BulkWorld): Promise<string[]> {
  const rows = await w.core.sessions.vault().database.db.selectFrom('audit_log').select('action').orderBy('id').execute();
  return rows.map((r) => r.action);
}

async function refusal(w: BulkWorld, ...args: Parameters<BulkWorld['invoke']>) {
  const result = await w.invoke(...args);
  if (result.ok) throw new Error(`${args[1]} was expected to be refused`);
  return result.error;
}

describe('credential.create (the editor\'s New credential)', () => {
  it('refuses an existing identifier or username on the device, naming the credential, and leaves it unchanged; the upsert still updates', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'srv01-root', username: 'root', content: 'x', tags: 'prod,db' });
    const before = await w.credential('admin', id);

    const byIdentifier = await refusal(w, 'olga', 'credential.create', { identifier: 'srv01-root', hostname: 'srv01', ip: '10.0.0.1', username: 'other', tags: null });
    expect(byIdentifier.details).toMatchObject({ pamdeskCode: 9010, existing: { id, identifier: 'srv01-root' } });
    expect(byIdentifier.message).toContain('srv01-root');
    const byAccount = await refusal(w, 'olga', 'credential.create', { identifier: 'new-one', hostname: 'srv01', ip: '10.0.0.1', username: 'root' });
    expect(byAccount.details).toMatchObject({ pamdeskCode: 9011, existing: { id } });
    expect(await w.credential('admin', id)).toEqual(before);

    const created = await w.call('olga', 'credential.create', { identifier: 'srv01-app', hostname: 'srv01', ip: '10.0.0.1', username: 'app', content: 'y' });
    expect(created.code).toBe(201);
    expect(await auditActions(w)).toContain('credential.create');
    // Seed 004's create-or-update rule is untouched.
    const upserted = await w.call('olga', 'credential.upsert', { identifier: 'srv01-root', hostname: 'srv01', ip: '10.0.0.1', username: 'root', tags: 'prod' });
    expect(Number(upserted.credential?.id)).toBe(id);
    expect((await w.credential('admin', id)).tags).toEqual(['prod']);
  });
});

describe('device.update and device.merge', () => {
  it('edits a device IP in place: same id, its credentials stay, no second device', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'srv01-root', username: 'root', content: 'x' });
    const device = (await w.call('admin', 'device.list', {})).find((d) => d.hostname === 'srv01');
    if (!device) throw new Error('srv01 missing');
    const saved = await w.call('admin', 'device.update', { id: device.id, hostname: 'srv01', ip: '10.0.0.9' });
    expect(saved.id).toBe(device.id);
    expect((await w.call('admin', 'device.list', {})).filter((d) => d.hostname === 'srv01')).toHaveLength(1);
    const credential = await w.credential('admin', id);
    expect(credential.ip).toBe('10.0.0.9');
    const taken = await refusal(w, 'admin', 'device.update', { id: device.id, hostname: 'srv02', ip: '10.0.0.2' });
    expect(taken.details).toMatchObject({ pamdeskCode: 9013 });
    expect(await auditActions(w)).toContain('device.update');
  });

  it('merges two devices: credentials move, a username collision is refused, the audit names what moved', async () => {
    const w = await world();
    const devices = await w.call('admin', 'device.list', {});
    const keep = devices.find((d) => d.hostname === 'srv01');
    const merge = devices.find((d) => d.hostname === 'srv02');
    if (!keep || !merge) throw new Error('fixture devices missing');
    await w.addCredential({ identifier: 'a-root', username: 'root', content: 'x' });
    await w.call('admin', 'credential.upsert', { identifier: 'b-root', hostname: 'srv02', ip: '10.0.0.2', username: 'root', content: 'x' });
    const collision = await refusal(w, 'admin', 'device.merge', { keepId: keep.id, mergeId: merge.id });
    expect(collision.details).toMatchObject({ pamdeskCode: 9014 });
    expect(collision.message).toContain('root');

    await w.call('admin', 'credential.upsert', { identifier: 'b-root', hostname: 'srv02', ip: '10.0.0.2', username: 'admin2' });
    const result = await w.call('admin', 'device.merge', { keepId: keep.id, mergeId: merge.id });
    expect(result.movedCredentials.map((c) => c.identifier)).toEqual(['b-root']);
    expect((await w.credential('admin', 'b-root')).hostname).toBe('srv01');
    expect((await w.call('admin', 'device.list', {})).map((d) => d.id)).not.toContain(merge.id);
    const entry = await w.core.sessions.vault().database.db.selectFrom('audit_log').select(['details']).where('action', '=', 'device.merge').executeTakeFirstOrThrow();
    expect(entry.details).toContain('b-root');
  });

  it('keeps the trusted keys of a merged device where the kept one has none, and names a conflicting one in the audit', async () => {
    const w = await world();
    const fp = (c: string) => `SHA256:${c.repeat(43)}`;
    await w.call('admin', 'device.upsert', { hostname: 'srv01', ip: '10.0.0.1', connectivities: 'SSH:22,LDAPS:636' });
    const devices = await w.call('admin', 'device.list', {});
    const keep = devices.find((d) => d.hostname === 'srv01');
    const merge = devices.find((d) => d.hostname === 'srv02');
    if (!keep || !merge) throw new Error('fixture devices missing');
    await w.call('admin', 'device.upsert', { hostname: 'srv02', ip: '10.0.0.2', connectivities: 'SSH:22,LDAPS:636' });
    // The kept device trusts its own LDAP certificate; the merged one a host key and another certificate.
    await w.call('admin', 'device.trustHostKey', { deviceId: keep.id, protocol: 'LDAP', fingerprint: fp('K') });
    await w.call('admin', 'device.trustHostKey', { deviceId: merge.id, fingerprint: fp('S') });
    await w.call('admin', 'device.trustHostKey', { deviceId: merge.id, protocol: 'LDAP', fingerprint: fp('M') });

    const result = await w.call('admin', 'device.merge', { keepId: keep.id, mergeId: merge.id });
    expect(result.kept.host_key_fingerprint).toBe(fp('S'));
    expect(result.kept.certificate_pins).toEqual({ LDAP: fp('K') });
    const entry = await w.core.sessions.vault().database.db.selectFrom('audit_log').select(['details']).where('action', '=', 'device.merge').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details ?? '{}')).toMatchObject({ pins: { carried: { SSH: fp('S') }, dropped: { LDAP: fp('M') } } });
  });
});

describe('archive, restore, delete', () => {
  it('archives a credential out of the grid, counts and runner, restores it with its history, and audits each step', async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'srv01-root', username: 'root', content: 'x', tags: 'prod' });
    await w.call('admin', 'credential.upsert', { identifier: 'srv01-root', hostname: 'srv01', ip: '10.0.0.1', username: 'root', notes: 'second version' });
    const historyBefore = await auditActions(w);

    await w.call('olga', 'credential.archive', { id });
    expect((await w.call('olga', 'credential.query', {})).rows.map((r) => r.id)).not.toContain(id);
    expect((await w.call('olga', 'credential.query', { search: 'srv01' })).total).toBe(0);
    expect((await w.call('olga', 'credential.query', { archived: 'archived' })).rows.map((r) => r.id)).toEqual([id]);
    expect((await w.call('ana', 'dashboard.summary', {})).credentials.total.count).toBe(0);
    const facets = await w.call('olga', 'credential.facets', {});
    expect(facets.tags).toEqual([]);
    const verify = await w.invoke('olga', 'operation.requestVerify', { credentialIds: [id] });
    expect(JSON.stringify(verify)).toContain('archived');

    await w.call('olga', 'credential.restore', { id });
    const restored = await w.credential('olga', id);
    expect(restored.notes).toBe('second version');
    expect(restored.tags).toEqual(['prod']);
    expect((await w.call('olga', 'credential.query', {})).rows.map((r) => r.id)).toContain(id);
    const after = await auditActions(w);
    expect(after.slice(0, historyBefore.length)).toEqual(historyBefore);
    expect(after).toEqual(expect.arrayContaining(['credential.archive', 'credential.restore']));
  });

  it('deletes only as an administrator, names dependents and refuses while anything depends on it; the audit keeps the deleted credential', async () => {
    const w = await world();
    const parent = await w.addCredential({ identifier: 'parent', username: 'root', content: 'x' });
    const child = await w.addCredential({ identifier: 'child', username: 'app', content: 'x', parent_password: parent });
    const device = (await w.call('admin', 'device.list', {})).find((d) => d.hostname === 'srv01');
    if (!device) throw new Error('srv01 missing');

    expect((await refusal(w, 'olga', 'credential.delete', { id: child })).code).toBe('FORBIDDEN');
    const summary = await w.call('olga', 'credential.dependents', { id: parent });
    expect(summary.credentials.map((c) => c.name)).toEqual(['child']);
    expect((await refusal(w, 'admin', 'credential.delete', { id: parent })).details).toMatchObject({ pamdeskCode: 9017 });
    expect((await refusal(w, 'admin', 'device.delete', { id: device.id })).message).toContain('parent');
    expect((await refusal(w, 'admin', 'device.archive', { id: device.id })).details).toMatchObject({ pamdeskCode: 9017 });

    await w.call('admin', 'credential.delete', { id: child });
    await w.call('admin', 'credential.delete', { id: parent });
    expect((await w.invoke('admin', 'credential.get', { ref: parent })).ok).toBe(false);
    const entries = await w.core.sessions.vault().database.db.selectFrom('audit_log').select(['action', 'object_id']).where('object_type', '=', 'credential').execute();
    expect(entries.filter((e) => e.object_id === String(parent)).map((e) => e.action)).toEqual(['credential.create', 'credential.delete']);
    await w.call('admin', 'device.archive', { id: device.id });
    expect((await w.call('admin', 'device.list', {})).map((d) => d.id)).not.toContain(device.id);
    await w.call('admin', 'device.delete', { id: device.id });
  });

  it('templates and policies: archived ones leave the lists, a built-in is never deleted', async () => {
    const w = await world();
    const templates = await w.call('admin', 'template.list', {});
    const builtin = templates.find((t) => t.builtin);
    if (!builtin) throw new Error('no built-in template');
    expect((await refusal(w, 'admin', 'template.delete', { id: builtin.id })).details).toMatchObject({ pamdeskCode: 9018 });
    await w.call('admin', 'template.archive', { id: builtin.id });
    expect((await w.call('admin', 'template.list', {})).map((t) => t.id)).not.toContain(builtin.id);
    expect((await w.call('admin', 'template.list', { archived: 'archived' })).map((t) => t.id)).toEqual([builtin.id]);
    await w.call('admin', 'template.restore', { id: builtin.id });

    const policy = await w.call('admin', 'policy.save', { input: { name: 'Short', definition: { strength: { lowercase: 4, uppercase: 4, digits: 4, symbols: 0, allowed_symbols: '', allow_repeated_characters: true }, expiration: { every: 1, unit: 'days' }, view_expiration_hours: null, change_window: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], hours: [...Array(24).keys()] } }, criteria: { device_types: [], tags: ['prod'] } } });
    const id = await w.addCredential({ identifier: 'tagged', username: 'root', content: 'x', tags: 'prod' });
    expect((await w.call('admin', 'policy.forCredential', { credentialId: id })).reason).toBe('criteria');
    await w.call('admin', 'policy.archive', { id: policy.id });
    expect((await w.call('admin', 'policy.forCredential', { credentialId: id })).reason).toBe('default');
    await w.call('admin', 'policy.delete', { id: policy.id });
  });
});
