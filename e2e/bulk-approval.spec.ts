import { tryPasswordLogin } from '../test/support/targets/try-password-login';
import { expect, test } from './fixtures/app';
import { addTargetCredential, listOperations, runCli, showCredential, startTargetDevice, waitForInSync, type VaultUser } from './fixtures/pam-world';
import { createVaultThroughUi, unlockThroughUi } from './fixtures/vault-ui';

const OPERATOR: VaultUser = { username: 'olga', passphrase: 'e2e operator passphrase' };
const APPROVER: VaultUser = { username: 'arne', passphrase: 'e2e approver passphrase' };
const ACCOUNTS = [
  { username: 'bulk1', password: 'Initial-pass-1!' },
  { username: 'bulk2', password: 'Initial-pass-2!' },
];

test('bulk expire: an operator requests, an approver approves, the runner changes every password on the target', async ({ app }) => {
  test.setTimeout(300_000);
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  for (const [user, role] of [
    [OPERATOR, 'operator'],
    [APPROVER, 'approver'],
  ] as const) {
    await runCli(dataDir, ['user', 'add', user.username, '--role', role], { newPassphrase: user.passphrase });
  }
  const target = await startTargetDevice(dataDir, ACCOUNTS);
  try {
    // Credentials with automatic change, set up by a first manual change each (run by the host's runner).
    const ids: number[] = [];
    for (const account of ACCOUNTS) ids.push(await addTargetCredential(dataDir, target, account.username, account.password));
    await runCli(dataDir, ['rotate', ...ids.map(String)]);
    for (const account of ACCOUNTS) await waitForInSync(dataDir, `target-${account.username}`, 'InSync', 90_000);
    const before = await Promise.all(ACCOUNTS.map(async (a) => (await showCredential(dataDir, `target-${a.username}`, true)).secret));

    // The operator selects both credentials and asks for Expire.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await unlockThroughUi(page, OPERATOR);
    const grid = page.getByRole('grid', { name: 'Credentials' });
    await expect(grid.getByRole('row', { name: /target-bulk2/ })).toBeVisible();
    await grid.getByRole('row', { name: /target-bulk1/ }).click();
    await grid.getByRole('row', { name: /target-bulk2/ }).click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Bulk action (2)' }).click();
    const wizard = page.getByRole('dialog', { name: /^Bulk action/ });
    await wizard.getByRole('radio', { name: /^Expire/ }).check();
    await expect(wizard.getByRole('table', { name: 'Selected credentials' })).toContainText('target-bulk1');
    await wizard.getByRole('button', { name: 'Continue' }).click();
    await expect(wizard.getByTestId('radius-affected')).toHaveText('2');
    await expect(wizard.getByTestId('radius-ineligible')).toHaveText('0');
    const review = wizard.getByRole('table', { name: 'Changes to review' });
    await expect(review).toContainText('Expires');
    await expect(review).toContainText('at the time of the request');
    await expect(review).toContainText('Password change scheduled');
    await app.screenshot('bulk-wizard-review');
    await wizard.getByRole('button', { name: 'Send for approval' }).click();
    await expect(wizard.getByTestId('bulk-sent')).toContainText('BULK-000001 was sent for approval');
    await wizard.getByRole('button', { name: 'Done' }).click();

    // The approver sees the badge, opens the request and approves it with a justification.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await unlockThroughUi(page, APPROVER);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByTestId('approvals-badge')).toHaveText('1');
    await nav.getByRole('button', { name: /^Approvals/ }).click();
    await page.getByRole('table', { name: 'Pending bulk requests' }).getByRole('button', { name: 'Open BULK-000001' }).click();
    const request = page.getByRole('dialog', { name: 'Bulk request BULK-000001' });
    await expect(request.getByRole('table', { name: 'Tasks' })).toContainText('target-bulk2');
    // A decision without a reason is refused in the form.
    await request.getByRole('button', { name: 'Approve' }).click();
    await expect(request.getByRole('alert')).toContainText('a justification is required');
    await request.getByLabel('Justification').fill('Quarterly expiry of the lab accounts (e2e).');
    await app.screenshot('bulk-approval');
    await request.getByRole('button', { name: 'Approve' }).click();
    await expect(request.getByTestId('bulk-state')).toHaveText('Success');
    await expect(nav.getByTestId('approvals-badge')).toBeHidden();
    await request.getByRole('button', { name: 'Done' }).click();

    // Keys per role: an approver's slot holds no secrets key, so a host where only the approver is
    // signed in runs no change; the operations wait until someone who may use secrets signs in.
    await expect.poll(async () => (await listOperations(dataDir)).filter((op) => op.trigger === 'bulk_expire').map((op) => op.state).join(',')).toBe('Scheduled,Scheduled');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await unlockThroughUi(page, OPERATOR);

    // The runner changes both passwords (trigger bulk_expire).
    await expect
      .poll(async () => (await listOperations(dataDir)).filter((op) => op.trigger === 'bulk_expire').map((op) => op.state).sort().join(','), { timeout: 120_000, intervals: [2_000] })
      .toBe('Success,Success');

    // Reports > Events > Bulk operations: the request, its approval and every task's result.
    await nav.getByRole('button', { name: 'Bulk operations' }).click();
    const report = page.getByRole('table', { name: 'Bulk requests' });
    const row = report.getByRole('row', { name: /BULK-000001/ });
    await expect(row).toContainText('Expire');
    await expect(row).toContainText(OPERATOR.username);
    await expect(row).toContainText(`${APPROVER.username}: Quarterly expiry`);
    await expect(row).toContainText('Success');
    await row.getByRole('button', { name: 'Open BULK-000001' }).click();
    const details = page.getByRole('dialog', { name: 'Bulk request BULK-000001' });
    const tasks = details.getByRole('table', { name: 'Tasks' });
    await expect(tasks.getByRole('row')).toHaveCount(3);
    await expect(tasks.getByRole('row', { name: /target-bulk1/ })).toContainText('Success');
    await expect(tasks.getByRole('row', { name: /target-bulk2/ })).toContainText('Success');
    await expect(details.getByRole('list', { name: 'Decisions' })).toContainText('Approved by arne');
    await app.screenshot('bulk-operations-report');

    // The new secrets are in the vault and log in; the old ones no longer do.
    for (const [i, account] of ACCOUNTS.entries()) {
      const now = await showCredential(dataDir, `target-${account.username}`, true);
      expect(now.secret).toBeTruthy();
      expect(now.secret).not.toBe(before[i]);
      expect(await tryPasswordLogin(target, account.username, now.secret ?? '')).toBe('accepted');
      expect(await tryPasswordLogin(target, account.username, before[i] ?? '')).toBe('rejected');
    }
  } finally {
    await target.stop();
  }
});
