import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLinuxTarget, type LinuxTarget } from '../test/support/targets/linux-sshd';
import { tryPasswordLogin } from '../test/support/targets/try-password-login';
import { expect, test } from './fixtures/app';
import { LINUX_DEVICE, runCli, showCredential } from './fixtures/pam-world';
import { createVaultThroughUi } from './fixtures/vault-ui';

const ROOT_PASSWORD = 'Root-initial-Pa55!';
const PROMPT = 'expect-regex "/[$#%] ?(\\x1b\\[[0-9;?]*[A-Za-z])*$/"';

/**
 * root changes its own password, then stops the target's sshd listener (SIGSTOP): the change
 * happened but both decision logins time out, so the operation is really Unverified.
 */
const CHANGE_THEN_STOP = [
  'set-connect-timeout 10',
  'set-read-timeout 15',
  PROMPT,
  'exec "export LC_ALL=C"',
  PROMPT,
  'exec "passwd"',
  'expect "*ew*assword:*"',
  'exec "[#NEW_PASSWORD#]"',
  'expect "*etype*assword:*"',
  'exec "[#NEW_PASSWORD#]"',
  'expect "*updated successfully*"',
  PROMPT,
  'exec "kill -STOP $(pgrep -o -x sshd)"',
  PROMPT,
  'exec "exit"',
  'end',
  '',
].join('\n');

let target: LinuxTarget | undefined;
test.afterEach(async () => {
  await target?.exec('kill -CONT $(pgrep -o -x sshd)').catch(() => undefined);
  await target?.stop();
  target = undefined;
});

test('operations: an Unverified change is settled by hand from the details dialog, and the list shows it settled', async ({ app }, testInfo) => {
  test.setTimeout(180_000);
  const { page, dataDir } = app;
  target = await startLinuxTarget({ accounts: [], rootPassword: ROOT_PASSWORD });
  await createVaultThroughUi(page);

  mkdirSync(testInfo.outputDir, { recursive: true });
  const templateFile = join(testInfo.outputDir, 'change-then-stop.txt');
  writeFileSync(templateFile, CHANGE_THEN_STOP);
  await runCli(dataDir, ['template', 'import', templateFile, '--name', 'Change then stop sshd', '--type', 'change_password']);
  await runCli(dataDir, ['device', 'upsert'], { stdin: JSON.stringify({ hostname: LINUX_DEVICE, ip: target.host, connectivities: `SSH:${target.port}` }) });
  await runCli(dataDir, ['device', 'trust', LINUX_DEVICE, '--fingerprint', target.hostKeyFingerprint]);
  await runCli(dataDir, ['credential', 'upsert'], {
    stdin: JSON.stringify({
      identifier: 'target-root',
      username: 'root',
      hostname: LINUX_DEVICE,
      ip: target.host,
      content: ROOT_PASSWORD,
      execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Change then stop sshd', use_own_credential_to_connect: true },
    }),
  });
  const code = /OP-\d{6,}/.exec(await runCli(dataDir, ['rotate', 'target-root']))?.[0] ?? '';
  expect(code).not.toBe('');

  // The host's runner takes it: the change lands, then the target stops answering.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Operations', exact: true }).click();
  const row = page.getByRole('table', { name: 'Operations' }).getByRole('row', { name: new RegExp(code) });
  await expect.poll(async () => row.getAttribute('data-state'), { timeout: 90_000, intervals: [250] }).toBe('Unverified');
  await app.screenshot('unverified-operation');
  // The target is back (the runner would settle it by itself within a minute; we do it by hand now).
  await target.exec('kill -CONT $(pgrep -o -x sshd)');

  await row.getByRole('button', { name: `Settle ${code}` }).click();
  const details = page.getByRole('dialog', { name: `Operation ${code}` });
  const settle = details.getByRole('region', { name: `Settle ${code}` });
  await settle.getByRole('button', { name: 'Reveal candidate' }).click();
  const candidate = (await settle.getByTestId('revealed-candidate').textContent()) ?? '';
  expect(candidate.length).toBeGreaterThan(8);
  expect(candidate).not.toBe(ROOT_PASSWORD);
  await settle.getByRole('button', { name: 'Target holds the candidate' }).click();
  const confirm = settle.getByRole('group', { name: 'Confirm settle' });
  await expect(confirm).toContainText('The vault adopts the kept candidate');
  await app.screenshot('settle-confirm');
  await confirm.getByRole('button', { name: 'Yes, adopt the candidate' }).click();
  // Once settled the Settle panel gives way to the outcome, which the dialog announces.
  await expect(details.getByText(`Settled: ${code} is now Success.`)).toBeVisible();
  await details.getByRole('button', { name: 'Done' }).click();

  // Live in the list: the row is settled, with the administrator's message.
  await expect.poll(async () => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('Success');
  await expect(row).toContainText('Settled by admin');
  await app.screenshot('settled-operation');

  // The vault holds the candidate, and it is what the target accepts.
  const credential = await showCredential(dataDir, 'target-root', true);
  expect(credential.secret).toBe(candidate);
  expect(await tryPasswordLogin(target, 'root', candidate)).toBe('accepted');
  expect(await tryPasswordLogin(target, 'root', ROOT_PASSWORD)).toBe('rejected');
});
