import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/app';
import { createVaultThroughUi } from './fixtures/vault-ui';

test('an administrator adds, demotes, disables and removes a user in the Users view; removal rotates the keys', async ({ app }) => {
  const { page } = app;
  await createVaultThroughUi(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Users', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();

  await page.getByRole('button', { name: 'Add user' }).click();
  const add = page.getByRole('dialog', { name: 'Add user' });
  await add.getByLabel('Username').fill('olga');
  await add.getByLabel('Role').selectOption('operator');
  await add.getByLabel('Passphrase', { exact: true }).fill('olga passphrase for e2e');
  await add.getByLabel('Passphrase again').fill('olga passphrase for e2e');
  await add.getByRole('button', { name: 'Add user' }).click();
  const olga = page.getByRole('row', { name: /olga/ });
  await expect(olga).toContainText('Active');

  await olga.getByLabel('Role of olga').selectOption('auditor');
  const demote = page.getByRole('dialog', { name: 'Make olga Auditor?' });
  await expect(demote).toContainText("The vault's keys will rotate");
  await demote.getByRole('button', { name: 'Change role' }).click();
  await expect(page.getByText('olga is now Auditor.')).toBeVisible();

  await olga.getByRole('button', { name: 'Disable olga' }).click();
  await expect(olga).toContainText('Disabled');

  await olga.getByRole('button', { name: 'Remove olga' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove olga?' });
  await expect(confirm).toContainText('any copy of the key file olga may have kept stops working');
  await confirm.getByRole('button', { name: 'Remove and rotate keys' }).click();
  await expect(page.getByText("olga was removed and the vault's keys rotated.")).toBeVisible();
  await expect(olga).toContainText('Removed');
  const keyFile = JSON.parse(readFileSync(join(app.dataDir, 'vault.keys.json'), 'utf8')) as { slots: unknown[] };
  expect(keyFile.slots).toHaveLength(1);
  await app.screenshot('users');
});
