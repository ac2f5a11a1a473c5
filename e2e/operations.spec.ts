import { startLinuxTarget, type LinuxTarget } from '../test/support/targets/linux-sshd';
import { expect, test } from './fixtures/app';
import { createVaultThroughUi } from './fixtures/vault-ui';

const ACCOUNT = { username: 'alice', password: 'Old-Pa55word-for-alice!' } as const;
const CHANGE_TEMPLATE = 'Linux - Change own password';

let target: LinuxTarget | undefined;

test.afterEach(async () => {
  await target?.stop();
  target = undefined;
});

test('operations: trust the host key, request a password change, watch it succeed, read the masked transcript', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  target = await startLinuxTarget({ accounts: [ACCOUNT] });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await createVaultThroughUi(page);

  // The device, with the target's SSH port.
  await nav.getByRole('button', { name: 'Devices', exact: true }).click();
  await page.getByRole('button', { name: 'New device' }).click();
  const deviceDialog = page.getByRole('dialog', { name: 'New device' });
  await deviceDialog.getByLabel('Hostname').fill('linux-target');
  await deviceDialog.getByLabel('IP', { exact: true }).fill(target.host);
  await deviceDialog.getByLabel('Device type').fill('Linux');
  await deviceDialog.getByLabel('Connectivities').fill(`SSH:${target.port}`);
  await deviceDialog.getByRole('button', { name: 'Save device' }).click();
  await expect(deviceDialog).toBeHidden();

  // Its host key: checked, shown, compared with what the target generated, then trusted explicitly.
  await page.getByRole('button', { name: `Host key of linux-target (${target.host})` }).click();
  const hostKey = page.getByRole('dialog', { name: 'Host key of linux-target' });
  await hostKey.getByRole('button', { name: 'Check host key' }).click();
  await expect(hostKey.getByTestId('presented-fingerprint')).toHaveText(target.hostKeyFingerprint);
  await expect(hostKey.getByTestId('presented-key-type')).toHaveText(/ed25519/);
  await expect(hostKey.getByTestId('pinned-fingerprint')).toHaveText('None pinned');
  await expect(hostKey.getByTestId('host-key-verdict')).toContainText('No key is pinned yet');
  await app.screenshot('host-key-check');
  await hostKey.getByRole('button', { name: 'Trust this key' }).click();
  await hostKey.getByRole('button', { name: 'Yes, trust this key' }).click();
  await expect(hostKey).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'pinned for linux-target' })).toContainText(target.hostKeyFingerprint);
  await expect(page.getByRole('table', { name: 'Devices' }).getByRole('row', { name: /linux-target/ })).toContainText('pinned');

  // Checking again now says it matches.
  await page.getByRole('button', { name: `Host key of linux-target (${target.host})` }).click();
  await hostKey.getByRole('button', { name: 'Check host key' }).click();
  await expect(hostKey.getByTestId('host-key-verdict')).toHaveText('Matches the pinned key.');
  await expect(hostKey.getByRole('button', { name: 'Trust this key' })).toHaveCount(0);
  await hostKey.getByRole('button', { name: 'Close', exact: true }).last().click();

  // The credential, with automatic change through SSH and the built-in template, logging in as itself.
  await nav.getByRole('button', { name: 'Credentials', exact: true }).click();
  await page.getByRole('button', { name: 'New credential' }).click();
  const editor = page.getByRole('dialog', { name: 'New credential' });
  await editor.getByLabel('Identifier', { exact: true }).fill('linux-alice');
  await editor.getByLabel('Username', { exact: true }).fill(ACCOUNT.username);
  await editor.getByLabel('Device', { exact: true }).selectOption({ label: `linux-target (${target.host})` });
  await editor.getByLabel('Password', { exact: true }).fill(ACCOUNT.password);
  await editor.getByRole('tab', { name: 'Execution settings' }).click();
  await editor.getByLabel('Automatic change', { exact: true }).check();
  await editor.getByLabel('Change plugin').selectOption('SSH');
  await editor.getByLabel('Change template').selectOption(CHANGE_TEMPLATE);
  await editor.getByLabel('Use own credential to connect').first().check();
  await editor.getByRole('button', { name: 'Save credential' }).click();
  await expect(editor).toBeHidden();

  // A dry run of the change template for it: the command stream with placeholders for the secrets.
  await nav.getByRole('button', { name: 'Templates', exact: true }).click();
  await page.getByRole('button', { name: `Edit template ${CHANGE_TEMPLATE}` }).click();
  const templateDialog = page.getByRole('dialog', { name: `Template ${CHANGE_TEMPLATE}` });
  await templateDialog.getByRole('tab', { name: 'Dry run' }).click();
  await templateDialog.getByRole('searchbox', { name: 'Search: Credential for the dry run' }).fill('linux-alice');
  await templateDialog.getByLabel(/^linux-alice/).check();
  await templateDialog.getByRole('button', { name: 'Run dry run' }).click();
  const stream = templateDialog.getByLabel('Command stream');
  await expect(stream).toContainText('passwd');
  await expect(stream).toContainText('«NEW_PASSWORD»');
  await expect(stream).not.toContainText(ACCOUNT.password);
  await app.screenshot('template-dry-run');
  await templateDialog.getByRole('button', { name: 'Close', exact: true }).last().click();

  // Request password change: only eligible credentials, multi-select, confirm with Yes.
  await page.getByRole('banner').getByRole('button', { name: 'Request password change' }).click();
  const request = page.getByRole('dialog', { name: 'Request password change' });
  await request.getByRole('checkbox', { name: 'Select linux-alice' }).check();
  await expect(request.getByRole('status').filter({ hasText: 'selected' })).toHaveText('1 credential selected');
  await request.getByRole('button', { name: 'Request password change' }).click();
  await expect(request.getByRole('region', { name: 'Confirm password change' })).toContainText('Change the password of 1 credential now?');
  await request.getByRole('button', { name: 'Yes' }).click();
  const scheduled = request.getByRole('list', { name: 'Scheduled' });
  await expect(scheduled).toContainText(/linux-alice: operation OP-\d{6,}/);
  const code = /OP-\d{6,}/.exec((await scheduled.textContent()) ?? '')?.[0];
  expect(code).toBeDefined();
  await app.screenshot('request-scheduled');
  await request.getByRole('button', { name: 'View operations' }).click();

  // List operations: the row goes Scheduled → Running → Success live (no reload).
  const table = page.getByRole('table', { name: 'Operations' });
  const row = table.getByRole('row', { name: new RegExp(code ?? 'OP-') });
  await expect(row).toBeVisible();
  const seen = new Set<string>();
  await expect
    .poll(
      async () => {
        const state = (await row.getAttribute('data-state')) ?? '';
        seen.add(state);
        return state;
      },
      { timeout: 90_000, intervals: [100] },
    )
    .toBe('Success');
  expect([...seen].some((s) => s === 'Scheduled' || s === 'Running')).toBe(true);
  await expect(row).toContainText('Change password');
  // (Attempts are a hidden-by-default column now; the attempts dialog below counts them.)
  await app.screenshot('operations-success');

  // Its attempts: one, successful, with the transcript masked.
  await row.getByRole('button', { name: `View attempts of ${code}` }).click();
  const attempts = page.getByRole('dialog', { name: `Attempts of ${code}` });
  await expect(attempts.getByRole('heading', { name: 'Attempt 1' })).toBeVisible();
  await expect(attempts).toContainText('Success');
  const transcript = attempts.getByRole('region', { name: `Transcript of attempt 1 of ${code}` });
  await expect(transcript).toContainText('passwd');
  await expect(transcript).toContainText('********');
  await expect(transcript).not.toContainText(ACCOUNT.password);
  await app.screenshot('operation-attempts');
  await attempts.getByRole('button', { name: 'Done' }).click();

  // Details tell the template and version that ran.
  await row.getByRole('button', { name: `Details of ${code}` }).click();
  const details = page.getByRole('dialog', { name: `Operation ${code}` });
  await expect(details).toContainText(`${CHANGE_TEMPLATE} (version 1)`);
  await details.getByRole('button', { name: 'Done' }).click();

  // List attempted operations: one row per attempt.
  await nav.getByRole('button', { name: 'Attempts', exact: true }).click();
  const attemptRow = page.getByRole('table', { name: 'Attempts' }).getByRole('row', { name: new RegExp(code ?? 'OP-') });
  await expect(attemptRow).toContainText('Success');
  await attemptRow.getByRole('button', { name: `Transcript of attempt 1 of ${code}` }).click();
  await expect(page.getByRole('dialog', { name: `Transcript of attempt 1 of ${code}` }).getByRole('region')).toContainText('passwd');
  await page.keyboard.press('Escape');

  // The vault holds a new password, the transcript never showed it, and the credential's History lists the change.
  await nav.getByRole('button', { name: 'Credentials', exact: true }).click();
  await page.getByRole('grid', { name: 'Credentials' }).getByRole('button', { name: 'Reveal linux-alice' }).click();
  const credential = page.getByRole('dialog', { name: 'Credential linux-alice' });
  const revealed = (await credential.getByLabel('Revealed password').textContent()) ?? '';
  expect(revealed).not.toBe(ACCOUNT.password);
  expect(revealed.length).toBeGreaterThan(8);
  await expect(credential.getByRole('table', { name: 'Operation history' }).getByRole('row', { name: new RegExp(code ?? 'OP-') })).toContainText('Success');
  await app.screenshot('credential-history');
  await credential.getByRole('button', { name: 'Hide' }).click();
  await page.keyboard.press('Escape');
});
