import { expect, test } from './fixtures/app';
import { runCli, type VaultUser } from './fixtures/pam-world';
import { createVaultThroughUi, unlockThroughUi } from './fixtures/vault-ui';

const OPERATOR: VaultUser = { username: 'olga', passphrase: 'e2e operator passphrase' };
const APPROVER: VaultUser = { username: 'arne', passphrase: 'e2e approver passphrase' };
const AUDITOR: VaultUser = { username: 'aud', passphrase: 'e2e auditor passphrase' };

test('a bulk edit approved in another browser context appears in the requester\'s open grid, and in an auditor\'s open trail, without any action', async ({ app }) => {
  const another = app.openAnotherContext;
  // Runs in the host project (CI included); skips in the Electron project, which has one window.
  test.skip(another === undefined, 'Several browser contexts exist only with the headless host; the desktop app has one window.');
  if (another === undefined) return;
  test.setTimeout(180_000);
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  for (const [user, role] of [[OPERATOR, 'operator'], [APPROVER, 'approver'], [AUDITOR, 'auditor']] as const) {
    await runCli(dataDir, ['user', 'add', user.username, '--role', role], { newPassphrase: user.passphrase });
  }
  await runCli(dataDir, ['device', 'upsert'], { stdin: JSON.stringify({ hostname: 'live-srv', ip: '10.1.0.1' }) });
  for (const name of ['live-1', 'live-2']) {
    await runCli(dataDir, ['credential', 'upsert'], { stdin: JSON.stringify({ identifier: name, username: name, hostname: 'live-srv', ip: '10.1.0.1', tags: 'before-edit' }) });
  }

  // The operator lands on Credentials, with no Audit on offer (their role cannot read it).
  await page.getByRole('button', { name: 'Sign out' }).click();
  await unlockThroughUi(page, OPERATOR);
  await expect(page.getByRole('heading', { name: 'Credentials', level: 1 })).toBeVisible();
  const operatorNav = page.getByRole('navigation', { name: 'Main' });
  await expect(operatorNav.getByRole('button', { name: 'Audit' })).toHaveCount(0);
  const grid = page.getByRole('grid', { name: 'Credentials' });
  // Tags are hidden by default: show them, as an operator retagging would.
  const columns = page.locator('details.column-chooser');
  await page.getByText('Columns', { exact: true }).click();
  await columns.getByLabel('Tags').check();
  await page.keyboard.press('Escape');
  await expect(grid.getByRole('columnheader', { name: /^Tags/ })).toBeVisible();
  await grid.getByRole('row', { name: /live-1/ }).click();
  await grid.getByRole('row', { name: /live-2/ }).click({ modifiers: ['Shift'] });
  await page.getByRole('button', { name: 'Bulk action (2)' }).click();
  const wizard = page.getByRole('dialog', { name: /^Bulk action/ });
  await wizard.getByRole('radio', { name: /^Edit/ }).check();
  await wizard.getByRole('button', { name: 'Continue' }).click();
  await wizard.getByLabel('Change tags').check();
  await wizard.getByLabel('Replace all tags').check();
  await wizard.getByLabel('Tags', { exact: true }).fill('after-approval');
  await wizard.getByRole('button', { name: 'Continue' }).click();
  await expect(wizard.getByTestId('radius-affected')).toHaveText('2');
  await wizard.getByRole('button', { name: /^(Save|Send for approval)$/ }).click();
  await expect(wizard.getByTestId('bulk-sent')).toContainText('BULK-000001 was sent for approval');
  await wizard.getByRole('button', { name: 'Done' }).click();
  await expect(grid.getByRole('row', { name: /live-1/ })).toContainText('before-edit');

  // An auditor, in a browser of their own, lands on the audit trail.
  const auditor = await another();
  await unlockThroughUi(auditor, AUDITOR);
  await expect(auditor.getByRole('heading', { name: 'Audit', level: 1 })).toBeVisible();
  await expect(auditor.getByText('bulk.request').first()).toBeVisible();
  await auditor.screenshot({ path: test.info().outputPath('auditor-lands-on-audit.png'), fullPage: true });

  // The approver, in another browser, lands on Approvals and sees only the views their role can use.
  const approver = await another();
  await unlockThroughUi(approver, APPROVER);
  await expect(approver.getByRole('heading', { name: 'Approvals', level: 1 })).toBeVisible();
  const approverNav = approver.getByRole('navigation', { name: 'Main' });
  await expect(approverNav.getByRole('button', { name: /^Approvals/ })).toHaveAttribute('aria-current', 'page');
  for (const hidden of ['Audit', 'Templates']) await expect(approverNav.getByRole('button', { name: hidden })).toHaveCount(0);
  await expect(approver.getByRole('alert')).toHaveCount(0);
  await approver.screenshot({ path: test.info().outputPath('approver-lands-on-approvals.png'), fullPage: true });
  await approver.getByRole('table', { name: 'Pending bulk requests' }).getByRole('button', { name: 'Open BULK-000001' }).click();
  const request = approver.getByRole('dialog', { name: 'Bulk request BULK-000001' });
  await request.getByLabel('Justification').fill('Retag the live lab (e2e).');
  await request.getByRole('button', { name: 'Approve' }).click();
  await expect(request.getByTestId('bulk-state')).toHaveText('Success');

  // Nobody touches the requester's page or the auditor's: both show the change.
  await expect(grid.getByRole('row', { name: /live-1/ })).toContainText('after-approval');
  await expect(grid.getByRole('row', { name: /live-2/ })).toContainText('after-approval');
  await expect(grid.getByRole('row', { name: /live-1/ })).not.toContainText('before-edit');
  await app.screenshot('live-grid-after-approval');
  await expect(auditor.getByText('bulk.approve').first()).toBeVisible();
  await auditor.screenshot({ path: test.info().outputPath('live-audit-after-approval.png'), fullPage: true });

  // A change made while the grid was not on screen (here by the CLI, another process) shows when it comes back.
  await operatorNav.getByRole('button', { name: 'Dashboard', exact: true }).click();
  await runCli(dataDir, ['credential', 'upsert'], { stdin: JSON.stringify({ identifier: 'live-1', username: 'live-1', hostname: 'live-srv', ip: '10.1.0.1', tags: 'changed-elsewhere' }) });
  await operatorNav.getByRole('button', { name: 'Credentials', exact: true }).click();
  await expect(grid.getByRole('row', { name: /live-1/ })).toContainText('changed-elsewhere');
});
