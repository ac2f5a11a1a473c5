import { expect, test } from './fixtures/app';
import { createVaultThroughUi } from './fixtures/vault-ui';

test('the shell opens and its status bar shows data from main', async ({ app }) => {
  const { page } = app;
  await expect(page).toHaveTitle('pamdesk');
  const status = page.getByRole('status', { name: 'Core status' });
  // These values exist only in main: the data folder the fixture chose and the shell's own name.
  await expect(status.getByTestId('status-data-dir')).toHaveText(`Data: ${app.dataDir}`);
  await expect(status.getByTestId('status-shell')).toHaveText(`Shell: ${app.shell}`);
  await expect(status.getByTestId('status-vault')).toHaveText('Vault: no vault yet');
  await app.screenshot('shell');
});

test('the navigation reaches every view by keyboard', async ({ app }) => {
  const { page } = app;
  await createVaultThroughUi(page);
  await expect(page.getByTestId('status-vault')).toHaveText('Vault: unlocked');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const labels = ['Dashboard', 'Credentials', 'Operations', 'Attempts', 'Bulk operations', 'Approvals', 'Templates', 'Devices', 'Policies', 'Audit', 'Users', 'Settings'];
  for (const label of labels) await expect(nav.getByRole('button', { name: label, exact: true })).toBeVisible();

  await nav.getByRole('button', { name: 'Dashboard', exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(nav.getByRole('button', { name: 'Credentials', exact: true })).toBeFocused();
  await page.keyboard.press('End');
  await expect(nav.getByRole('button', { name: 'Settings', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(nav.getByRole('button', { name: 'Settings', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});
