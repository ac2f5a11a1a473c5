import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName, ChannelRequest, ChannelResponse } from '../../../shared/contract/channels';
import type { TemplateView } from '../../../shared/domain/template';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A } from '../../support/test-core';

const tempDir = useTempDirs();
let core: ReturnType<typeof testCore>;

async function call<C extends ChannelName>(channel: C, payload: ChannelRequest<C>): Promise<ChannelResponse<C>> {
  const result = await core.call(WINDOW_A, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as ChannelResponse<C>;
}

async function refusal<C extends ChannelName>(channel: C, payload: ChannelRequest<C>): Promise<{ code: string; message: string }> {
  const result = await core.call(WINDOW_A, channel, payload);
  if (result.ok) throw new Error(`${channel} was expected to be refused`);
  return result.error;
}

async function template(name: string): Promise<TemplateView> {
  const found = (await call('template.list', {})).find((t) => t.name === name);
  if (!found) throw new Error(`no template ${name}`);
  return found;
}

const inputOf = (t: TemplateView, changes: Partial<{ name: string; active: boolean; operation_type: TemplateView['operation_type'] }> = {}) => ({
  name: t.name,
  executor: t.executor,
  operation_type: t.operation_type,
  active: t.active,
  variables: t.variables,
  body: t.body,
  ...changes,
});

beforeEach(async () => {
  core = testCore(tempDir());
  await call('vault.create', { username: 'admin', passphrase: 'template service passphrase' });
  await call('device.upsert', { hostname: 'srv', ip: '10.0.0.1' });
});
afterEach(async () => core.close());

describe('templates referenced by id: rename, duplicate, delete', () => {
  it('a built-in template cannot be renamed or deleted; its duplicate can, and records where it came from', async () => {
    const builtin = await template('Linux - Change own password');
    expect(builtin.builtin).toBe(true);
    const renamed = await refusal('template.save', { id: builtin.id, input: inputOf(builtin, { name: 'My change' }) });
    expect(renamed).toMatchObject({ code: 'CONFLICT' });
    expect(renamed.message).toContain('cannot be renamed');
    expect((await refusal('template.delete', { id: builtin.id })).message).toContain('cannot be deleted');
    expect((await template('Linux - Change own password')).id).toBe(builtin.id);

    const copy = await call('template.duplicate', { id: builtin.id });
    expect(copy).toMatchObject({ name: 'Linux - Change own password (copy)', builtin: false, operation_type: 'change_password', body: builtin.body, current_version: 1 });
    expect((await call('template.duplicate', { id: builtin.id })).name).toBe('Linux - Change own password (copy 2)');
    const mine = await call('template.save', { id: copy.id, input: inputOf(copy, { name: 'My change' }) });
    expect(mine.name).toBe('My change');
    await call('template.delete', { id: mine.id });
    expect((await call('template.list', {})).some((t) => t.id === mine.id)).toBe(false);
    const actions = (await call('audit.list', { objectType: 'template' })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['template.duplicate', 'template.update', 'template.delete']));
  });

  it('renaming a template keeps the credentials that use it: they show the new name and keep the id', async () => {
    const copy = await call('template.duplicate', { id: (await template('Linux - Change own password')).id, name: 'Team change' });
    await call('credential.upsert', { identifier: 'app', username: 'app', hostname: 'srv', ip: '10.0.0.1', execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Team change', use_own_credential_to_connect: true } });
    await call('template.save', { id: copy.id, input: inputOf(copy, { name: 'Team change v2' }) });
    const credential = await call('credential.get', { ref: 'app' });
    expect(credential.execution_settings?.change_template).toBe('Team change v2');
    expect(credential.version).toBe(1);
    // In use: it cannot be deleted nor change its operation type.
    expect((await refusal('template.delete', { id: copy.id })).message).toContain('credential app');
    expect((await refusal('template.save', { id: copy.id, input: inputOf(copy, { name: 'Team change v2', operation_type: 'verify' }) })).message).toContain('operation type cannot change');
    // Once no credential uses it, it can go.
    await call('credential.upsert', { identifier: 'app', username: 'app', hostname: 'srv', ip: '10.0.0.1', execution_settings: { automatic_change: false, change_template: null } });
    await call('template.delete', { id: copy.id });
  });
});
