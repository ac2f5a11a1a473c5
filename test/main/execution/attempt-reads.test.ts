import { afterEach, describe, expect, it } from 'vitest';
import { createSshExecutionPort } from '../../../main/execution/ssh-execution-port';
import type { CredentialSnapshot } from '../../../main/runner/ports';
import { getTemplate } from '../../../main/templates/template-service';
import { startRunnerWorld, type RunnerWorld } from '../../support/runner-world';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
let world: RunnerWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const TEMPLATE = 'Linux - Change own password';

describe('one attempt reads the vault once; the next attempt reads it afresh', () => {
  it('the bound, the run and the proof of one attempt use the template version read when it began; a new attempt uses the saved one', async () => {
    const started = await startRunnerWorld(tempDir(), [{ username: 'ada', password: 'ada-initial-1' }]);
    world = started;
    const id = await started.addCredential('ada', 'ada-initial-1');
    const vault = world.core.sessions.vault();
    const port = createSshExecutionPort(vault.database.db, vault.fields);
    const attempt = (): CredentialSnapshot => ({ id, identifier: 'target-ada', username: 'ada', kind: 'password', deviceId: started.deviceId, version: 1 });
    const resave = async () => {
      const template = await getTemplate(vault.database.db, TEMPLATE);
      const input = { name: template.name, executor: template.executor, operation_type: template.operation_type, active: template.active, variables: template.variables, body: template.body };
      return (await started.call('template.save', { id: template.id, input })).current_version;
    };
    const change = (credential: CredentialSnapshot, currentSecret: string, newSecret: string) =>
      port.run({ operationId: 1, operationType: 'change_password', credential, currentSecret, newSecret, newPublicKey: null });

    const first = attempt();
    const before = (await getTemplate(vault.database.db, TEMPLATE)).current_version;
    expect(await port.attemptBoundMs('change_password', first)).toBeGreaterThan(0);
    // Saved between this attempt's bound and its run: the attempt keeps the version its bound was for.
    const saved = await resave();
    expect(saved).toBe(before + 1);
    expect(await change(first, 'ada-initial-1', 'ada-second-2')).toMatchObject({ kind: 'completed', templateVersion: before });
    expect(await port.tryLogin(first, 'ada-second-2')).toBe('accepted');
    expect(await tryPasswordLogin(world.target, 'ada', 'ada-second-2')).toBe('accepted');

    // The port alone promotes nothing (the runner does): put the vault's password back on the target.
    expect((await world.target.exec('chpasswd', { stdin: 'ada:ada-initial-1\n' })).code).toBe(0);
    // The next attempt (a new snapshot, as the runner builds for each) sees the vault as it is now.
    const second = attempt();
    expect(await change(second, 'ada-initial-1', 'ada-third-3')).toMatchObject({ kind: 'completed', templateVersion: saved });
    expect(await port.tryLogin(second, 'ada-third-3')).toBe('accepted');
    expect(await port.tryLogin(second, 'ada-initial-1')).toBe('rejected');
  }, 60_000);

  it('a template deactivated after an attempt ends is refused by the next attempt, nothing sent', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'bo', password: 'bo-initial-1' }]);
    const id = await world.addCredential('bo', 'bo-initial-1');
    const vault = world.core.sessions.vault();
    const port = createSshExecutionPort(vault.database.db, vault.fields);
    const attempt = (): CredentialSnapshot => ({ id, identifier: 'target-bo', username: 'bo', kind: 'password', deviceId: world?.deviceId ?? 0, version: 1 });
    await port.attemptBoundMs('change_password', attempt());
    const template = await getTemplate(vault.database.db, TEMPLATE);
    await world.call('template.save', { id: template.id, input: { name: template.name, executor: template.executor, operation_type: template.operation_type, active: false, variables: template.variables, body: template.body } });
    const refused = await port.run({ operationId: 1, operationType: 'change_password', credential: attempt(), currentSecret: 'bo-initial-1', newSecret: 'bo-second-2', newPublicKey: null });
    expect(refused).toMatchObject({ kind: 'failed', failure: 'configuration', touched: false });
    expect(refused.kind === 'failed' ? refused.message : '').toMatch(/is inactive/);
    expect(await tryPasswordLogin(world.target, 'bo', 'bo-initial-1')).toBe('accepted');
  }, 60_000);
});
