import { expect, test } from './fixtures/app';
import { runCli, type VaultUser } from './fixtures/pam-world';
import { createVaultThroughUi, unlockThroughUi } from './fixtures/vault-ui';

const OPERATOR: VaultUser = { username: 'olga', passphrase: 'e2e operator passphrase' };

test("Lock in one browser ends that user's session only: the other user's browser stays signed in", async ({ app }) => {
  // Runs in the host project (CI included); skips in the Electron project, which has one window.
  test.skip(!app.openAnotherContext, 'needs two browsers on one host (the desktop app has one window)');
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  await runCli(dataDir, ['user', 'add', OPERATOR.username, '--role', 'operator'], { newPassphrase: OPERATOR.passphrase });
  const other = await app.openAnotherContext?.();
  if (!other) return;
  await unlockThroughUi(other, OPERATOR);

  await other.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(other.getByRole('form', { name: 'Unlock vault' })).toBeVisible();
  await expect(other.getByTestId('session-user')).toBeHidden();

  // The administrator's browser is untouched: still signed in, the vault still open.
  await expect(page.getByTestId('session-user')).toContainText('admin');
  await expect(page.getByTestId('status-vault')).toHaveText('Vault: unlocked');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Credentials', exact: true }).click();
  await expect(page.getByRole('grid', { name: 'Credentials' })).toBeVisible();
  await app.screenshot('lock-one-session');

  // Ctrl+L in the last browser locks the vault: the key drop reaches every page.
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('form', { name: 'Unlock vault' })).toBeVisible();
  await expect(other.getByTestId('status-vault')).toHaveText('Vault: locked');
});
