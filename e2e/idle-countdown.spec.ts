import { expect, test } from './fixtures/app';
import { createVaultThroughUi } from './fixtures/vault-ui';

test('idle lock: a countdown shows before the lock, Stay signed in keeps the session, and without an answer the session locks', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  await createVaultThroughUi(page);
  // The shortest idle setting (1 minute): the warning shows for its last 30 seconds.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('form', { name: 'Settings' });
  await settings.getByLabel('Idle lock (minutes)').fill('1');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('settings-notice')).toContainText('Saved');

  const warning = page.getByRole('dialog', { name: 'You are about to be locked' });
  await expect(warning).toBeVisible({ timeout: 70_000 });
  await expect(warning.getByTestId('idle-countdown')).toContainText(/locks in \d+ seconds?/);
  await app.screenshot('idle-countdown');
  await warning.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(warning).toBeHidden();
  await expect(page.getByTestId('session-user')).toContainText('admin');

  // Still counted from the Stay signed in: the warning comes back, then the lock ends the session.
  await expect(warning).toBeVisible({ timeout: 70_000 });
  await expect(page.getByRole('form', { name: 'Unlock vault' })).toBeVisible({ timeout: 50_000 });
  await expect(warning).toBeHidden();
});
