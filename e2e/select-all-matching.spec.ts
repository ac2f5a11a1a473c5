import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/app';
import { runCli, type VaultUser } from './fixtures/pam-world';
import { createVaultThroughUi, unlockThroughUi } from './fixtures/vault-ui';

const OPERATOR: VaultUser = { username: 'olga', passphrase: 'e2e operator passphrase' };
const FLEET = 10_000;

test('"select all N matching" selects 10,000 credentials for a bulk action and a password-change request; the tag filter says and switches any/all', async ({ app }) => {
  test.setTimeout(420_000);
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  await runCli(dataDir, ['user', 'add', OPERATOR.username, '--role', 'operator'], { newPassphrase: OPERATOR.passphrase });
  // Seeded through the CLI's import (one transaction), not the UI: 10,000 tagged fleet+lab, one tagged lab only.
  const rows = Array.from({ length: FLEET }, (_, i) => `fleet-${String(i).padStart(5, '0')},svc${i},fleet-host,10.9.0.1,"fleet,lab"`);
  rows.push('lab-only,labuser,fleet-host,10.9.0.1,lab');
  const csv = join(dataDir, 'fleet.csv');
  writeFileSync(csv, `identifier,username,hostname,ip,tags\r\n${rows.join('\r\n')}\r\n`);
  await runCli(dataDir, ['import', csv, '--format', 'pamdesk']);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await unlockThroughUi(page, OPERATOR);
  const status = page.getByTestId('grid-status');
  await expect(status).toContainText('10,001 credentials');

  // Tags fleet and lab: "any of" keeps the lab-only credential, "all of" leaves exactly the fleet.
  const filters = page.getByRole('group', { name: 'Filters' });
  await filters.locator('summary', { hasText: /^Tags/ }).click();
  await filters.getByLabel(/^fleet/).check();
  await filters.getByLabel(/^lab/).check();
  const tagMatch = filters.getByRole('group', { name: 'Tags match' });
  await expect(tagMatch.getByLabel('any of these tags')).toBeChecked();
  await expect(status).toContainText('10,001 credentials');
  await tagMatch.getByLabel('all of these tags').check();
  await expect(status).toContainText('10,000 credentials');
  await filters.locator('summary', { hasText: /^Tags/ }).click();

  // Ctrl+A takes the loaded rows, then offers everything that matches.
  const grid = page.getByRole('grid', { name: 'Credentials' });
  await grid.getByRole('row', { name: /fleet-00000/ }).click();
  await grid.press('Control+a');
  const banner = page.getByTestId('selection-banner');
  await expect(banner).toContainText('loaded so far are selected');
  await banner.getByRole('button', { name: 'Select all 10,000 credentials matching' }).click();
  await expect(banner).toContainText('All 10,000 credentials matching this search and these filters are selected.');
  await expect(status).toContainText('10,000 selected');
  await app.screenshot('grid-select-all-matching');

  // The bulk wizard works on the query; main resolves it and the review shows the count.
  await page.getByRole('button', { name: 'Bulk action (10,000)' }).click();
  const wizard = page.getByRole('dialog', { name: /^Bulk action/ });
  await wizard.getByRole('radio', { name: /^Disable/ }).check();
  await expect(wizard.getByTestId('matching-selection')).toContainText('All 10,000 credentials');
  await wizard.getByRole('button', { name: 'Continue' }).click();
  await expect(wizard.getByTestId('radius-affected')).toHaveText('10,000', { timeout: 60_000 });
  await expect(wizard.getByTestId('radius-ineligible')).toHaveText('0');
  await app.screenshot('bulk-review-10000-matching');
  await wizard.getByRole('button', { name: /^(Save|Send for approval)$/ }).click();
  await expect(wizard.getByTestId('bulk-sent')).toContainText('on 10,000 credentials', { timeout: 60_000 });
  await wizard.getByRole('button', { name: 'Done' }).click();

  // The same selection asks for password changes: main resolves the 10,000 and answers for each.
  await page.getByRole('button', { name: 'Change passwords (10,000)' }).click();
  const change = page.getByRole('dialog', { name: 'Request password change' });
  await expect(change).toContainText('Change the password of 10,000 credentials now?');
  await change.getByRole('button', { name: 'Yes' }).click();
  // None has automatic change configured: each is refused with its reason, none silently dropped.
  await expect(change.getByTestId('refused-count')).toHaveText('Refused: 10,000', { timeout: 60_000 });
  await app.screenshot('request-change-10000-matching');
  await change.getByRole('button', { name: 'Done' }).click();

  // Another search drops the query selection (it belonged to the search it was made on); the
  // rows picked by hand before it stay picked, as a new search always kept them.
  await page.getByRole('searchbox', { name: 'Search credentials' }).fill('lab-only');
  await expect(status).toContainText('0 credentials');
  await expect(status).not.toContainText('10,000 selected');
  await expect(banner).toHaveCount(0);

  // The header checkbox does what Ctrl+A does.
  await page.getByRole('searchbox', { name: 'Search credentials' }).fill('');
  await expect(status).toContainText('10,000 credentials');
  await grid.getByRole('checkbox', { name: 'Select all loaded credentials' }).check();
  await expect(banner.getByRole('button', { name: 'Select all 10,000 credentials matching' })).toBeVisible();
});
