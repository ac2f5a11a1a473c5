import { expect, test } from './fixtures/app';
import { ADMIN, createVaultThroughUi, unlockThroughUi } from './fixtures/vault-ui';

const NEXT = 'a brand new admin passphrase';

test('change own passphrase from the session menu: wrong current and weak new are refused in words, typed values kept; the new one unlocks', async ({ app }) => {
  const { page } = app;
  await createVaultThroughUi(page);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change your passphrase' });
  const submit = dialog.getByRole('button', { name: 'Change passphrase' });

  await dialog.getByLabel('Current passphrase').fill('not the passphrase');
  await dialog.getByLabel('New passphrase', { exact: true }).fill('short');
  await expect(dialog.getByText('A passphrase needs at least 12 characters')).toBeVisible();
  await expect(submit).toBeDisabled();
  await dialog.getByLabel('New passphrase', { exact: true }).fill(NEXT);
  await dialog.getByLabel('New passphrase again').fill(`${NEXT}!`);
  await expect(dialog.getByText('The two new passphrases differ')).toBeVisible();
  await dialog.getByLabel('New passphrase again').fill(NEXT);
  await submit.click();
  await expect(dialog.getByRole('alert')).toContainText('Your current passphrase was not accepted');
  await expect(dialog.getByLabel('New passphrase', { exact: true })).toHaveValue(NEXT);
  await app.screenshot('change-passphrase-refused');

  await dialog.getByLabel('Current passphrase').fill(ADMIN.passphrase);
  await submit.click();
  await expect(dialog.getByRole('status')).toContainText('Your passphrase is changed');
  await app.screenshot('change-passphrase-done');
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  const unlock = page.getByRole('form', { name: 'Unlock vault' });
  await unlock.getByLabel('Username').fill(ADMIN.username);
  await unlock.getByLabel('Passphrase').fill(ADMIN.passphrase);
  await unlock.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(unlock.getByRole('alert')).toBeVisible();
  await unlockThroughUi(page, { username: ADMIN.username, passphrase: NEXT });
});
