import { afterEach, describe, expect, it } from 'vitest';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { startRunnerWorld, type RunnerWorld } from '../../support/runner-world';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
let world: RunnerWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function secretOf(w: RunnerWorld, id: number): Promise<string> {
  return (await w.call('credential.reveal', { id, purpose: 'view' })).secret;
}

describe('execution settings against a real sshd', () => {
  it('renaming the template a credential uses keeps its change working: the run resolves it by id', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'tess', password: 'tess-initial-1' }]);
    const builtin = (await world.call('template.list', {})).find((t) => t.name === 'Linux - Change own password');
    if (!builtin) throw new Error('built-in template missing');
    const team = await world.call('template.duplicate', { id: builtin.id, name: 'Team change' });
    const id = await world.addCredential('tess', 'tess-initial-1', {
      execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Team change', use_own_credential_to_connect: true },
    });
    const { id: _id, builtin: _builtin, current_version: _v, created_at: _c, updated_at: _u, ...input } = team;
    await world.call('template.save', { id: team.id, input: { ...input, name: 'Team change (renamed)' } });
    expect((await world.call('credential.get', { ref: id })).execution_settings?.change_template).toBe('Team change (renamed)');

    const code = (await world.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    await world.runUntilIdle();
    expect(await world.operation(code)).toMatchObject({ state: 'Success', templateName: 'Team change (renamed)' });
    const secret = await secretOf(world, id);
    expect(secret).not.toBe('tess-initial-1');
    expect(await tryPasswordLogin(world.target, 'tess', secret)).toBe('accepted');
  });

  it('never falls back to the own login: settings stored without an authentication credential fail with a configuration error, the target untouched', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'uma', password: 'uma-initial-1' }]);
    const id = await world.addCredential('uma', 'uma-initial-1');
    // What the save-time check (error 9105) refuses, as a vault written before it would hold it.
    await world.core.sessions
      .vault()
      .database.db.updateTable('credentials')
      .set({ execution_settings: JSON.stringify({ automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change own password', use_own_credential_to_connect: false }) })
      .where('id', '=', id)
      .execute();
    world.core.settings.update({ runner: { ...world.core.settings.read().runner, attempts: 1 } });
    const code = (await world.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    await world.runUntilIdle();
    const op = await world.operation(code);
    expect(op.state).toBe('Error');
    expect(op.message).toMatch(/names no authentication credential/);
    expect(await tryPasswordLogin(world.target, 'uma', 'uma-initial-1')).toBe('accepted');
    expect(await secretOf(world, id)).toBe('uma-initial-1');
  });

  it('a parent change skips a child that needs MFA or human interaction, recording why; its sibling changes', async () => {
    world = await startRunnerWorld(tempDir(), [
      { username: 'boss', password: 'boss-initial-1' },
      { username: 'mfa', password: 'mfa-initial-1' },
      { username: 'kid', password: 'kid-initial-1' },
    ]);
    const parentId = await world.addCredential('boss', 'boss-initial-1');
    const mfa = await world.addCredential('mfa', 'mfa-initial-1', { parent_password: parentId, needs_human_interaction: true });
    const kid = await world.addCredential('kid', 'kid-initial-1', { parent_password: parentId });
    const code = (await world.call('operation.requestChange', { credentialIds: [parentId] })).scheduled[0]?.code ?? '';
    await world.runUntilIdle();
    expect((await world.operation(code)).state).toBe('Success');
    const children = await world.call('operation.list', { types: ['child_password_change'] });
    expect(children.rows.map((op) => op.credentialId)).toEqual([kid]);
    expect(children.rows[0]).toMatchObject({ state: 'Success', parentCode: code });
    const skipped = await world.call('audit.list', { action: 'operation.child_skipped' });
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ objectId: String(mfa), details: { parentOperation: code, identifier: 'target-mfa', reason: expect.stringContaining('target-mfa needs MFA or human interaction: pamdesk never changes it') } });
    expect(await tryPasswordLogin(world.target, 'mfa', 'mfa-initial-1')).toBe('accepted');
    expect(await tryPasswordLogin(world.target, 'kid', await secretOf(world, kid))).toBe('accepted');
  });
  it('a credential marked as needing MFA after its change was scheduled is not changed when the runner reaches it: Error, saying why, nothing sent', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'vic', password: 'vic-initial-1' }]);
    const id = await world.addCredential('vic', 'vic-initial-1');
    const code = (await world.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    // Marked while Scheduled, through the same upsert the editor, the API and import use.
    await world.addCredential('vic', 'vic-initial-1', { needs_human_interaction: true });
    await world.runUntilIdle();
    const op = await world.operation(code);
    expect(op.state).toBe('Error');
    expect(op.message).toContain('target-vic needs MFA or human interaction: pamdesk never changes it');
    expect(op.message).toContain('nothing was sent');
    expect(await world.call('operation.attempts', { code })).toHaveLength(1);
    expect(await tryPasswordLogin(world.target, 'vic', 'vic-initial-1')).toBe('accepted');
    expect(await secretOf(world, id)).toBe('vic-initial-1');
  });
});
