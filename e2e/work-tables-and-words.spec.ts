import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures/app';
import { runCli, type VaultUser } from './fixtures/pam-world';
import { ADMIN, createVaultThroughUi, unlockThroughUi } from './fixtures/vault-ui';

/** The width the review measured: a common laptop screen. */
const LAPTOP = { width: 1366, height: 768 } as const;
const OPERATOR: VaultUser = { username: 'olga', passphrase: 'e2e operator passphrase' };
const SSH_CHANGE = { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change own password', use_own_credential_to_connect: true } as const;

/** An operator, two devices (no sshd behind them: their operations end in a message) and three credentials, through the CLI. */
async function seedVault(dataDir: string): Promise<void> {
  await runCli(dataDir, ['user', 'add', OPERATOR.username, '--role', 'operator'], { newPassphrase: OPERATOR.passphrase });
  for (const [hostname, ip] of [['web01', '127.0.0.1'], ['db01', '127.0.0.2']] as const) {
    await runCli(dataDir, ['device', 'upsert'], { stdin: JSON.stringify({ hostname, ip, connectivities: 'SSH:1' }) });
  }
  for (const [identifier, username, hostname, ip] of [['web01-root', 'root', 'web01', '127.0.0.1'], ['web01-app', 'app', 'web01', '127.0.0.1'], ['db01-dba', 'dba', 'db01', '127.0.0.2']] as const) {
    await runCli(dataDir, ['credential', 'upsert'], { stdin: JSON.stringify({ identifier, username, hostname, ip, content: `Pa55-${identifier}-x!`, tags: 'linux,prod', execution_settings: SSH_CHANGE }) });
  }
}

/** Fully inside the window, so nothing needs scrolling to be seen. */
async function expectOnScreen(locator: Locator): Promise<void> {
  await expect(locator).toBeInViewport({ ratio: 1 });
}

/** A reload ends the page's session (it is bound to the socket): sign in again as the same user. */
async function reloadAs(page: Page, user: VaultUser): Promise<void> {
  await page.reload();
  await unlockThroughUi(page, user);
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('form', { name: 'Unlock vault' })).toBeVisible();
}

test('first run: a refused request reads in the user\'s terms, the passphrase stays, and an empty vault leads to adding a device first', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize(LAPTOP);
  const form = page.getByRole('form', { name: 'Create vault' });
  await form.getByLabel('Administrator username').fill(ADMIN.username);
  await form.getByLabel('Passphrase', { exact: true }).fill('too short');
  await form.getByLabel('Confirm passphrase').fill('too short');
  await form.getByRole('button', { name: 'Create vault' }).click();
  // Main refused the payload (schema): the words name the field as labelled, never the channel.
  const error = form.getByRole('alert');
  await expect(error).toContainText('Passphrase: A passphrase needs at least 12 characters');
  await expect(error).toContainText('Correct it and try again.');
  await expect(error).not.toContainText('vault.create');
  await expect(error).not.toContainText('malformed');
  await expect(form.getByLabel('Passphrase', { exact: true })).toHaveValue('too short');
  await expect(form.getByLabel('Confirm passphrase')).toHaveValue('too short');
  await app.screenshot('words-first-run-error');

  await form.getByLabel('Passphrase', { exact: true }).fill(ADMIN.passphrase);
  await form.getByLabel('Confirm passphrase').fill(ADMIN.passphrase);
  await form.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByTestId('session-user')).toContainText(ADMIN.username);

  // No device yet: the first step is a device, and the link goes there.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Credentials', exact: true }).click();
  const empty = page.getByTestId('grid-empty');
  await expect(empty).toContainText('no device to put one on: add a device first.');
  await app.screenshot('words-empty-vault');
  await empty.getByRole('button', { name: 'Add a device' }).click();
  await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();

  // A wrong passphrase at unlock: said plainly, and what was typed stays.
  await signOut(page);
  const unlock = page.getByRole('form', { name: 'Unlock vault' });
  await unlock.getByLabel('Username').fill(ADMIN.username);
  await unlock.getByLabel('Passphrase').fill('not the passphrase');
  await unlock.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(unlock.getByRole('alert')).toBeVisible();
  await expect(unlock.getByRole('alert')).not.toContainText('session.unlock');
  await expect(unlock.getByLabel('Passphrase')).toHaveValue('not the passphrase');
  await app.screenshot('words-unlock-error');
});

test('tables at 1366x768: key columns on screen, widths kept per user, popovers close on Escape and outside clicks, the wizard sends for approval', async ({ app }) => {
  test.setTimeout(150_000);
  const { page, dataDir } = app;
  await page.setViewportSize(LAPTOP);
  await createVaultThroughUi(page);
  await seedVault(dataDir);
  await runCli(dataDir, ['rotate', 'web01-root', 'db01-dba']);
  await reloadAs(page, ADMIN);
  const nav = page.getByRole('navigation', { name: 'Main' });

  // The grid: its key columns and every row action in view without scrolling.
  await nav.getByRole('button', { name: 'Credentials', exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Credentials' });
  await expect(grid.getByRole('row', { name: /db01-dba/ })).toBeVisible();
  // A header's name also holds its resize handle's label ("Identifier Resize Identifier").
  for (const name of ['Identifier', 'Status', 'InSync', 'Next change']) await expectOnScreen(grid.getByRole('columnheader', { name: new RegExp(`^${name}`) }));
  // The Actions header starts with its select-all checkbox.
  await expectOnScreen(grid.getByRole('columnheader', { name: /Actions$/ }));
  for (const action of ['Open', 'Reveal', 'Copy password of', 'Reset credential', 'Verify', 'Reconcile']) await expectOnScreen(grid.getByRole('button', { name: new RegExp(`^${action} web01-root`) }));
  await app.screenshot('tables-grid-1366');

  // Columns: shows what is hidden; Escape closes it, so does a click outside.
  const columns = page.locator('details.column-chooser');
  await page.getByText('Columns', { exact: true }).click();
  await expect(columns).toHaveJSProperty('open', true);
  await columns.getByLabel('Tags').check();
  await expect(grid.getByRole('columnheader', { name: 'Tags' })).toBeVisible();
  await app.screenshot('tables-columns-open');
  await page.keyboard.press('Escape');
  await expect(columns).toHaveJSProperty('open', false);
  await page.getByText('Columns', { exact: true }).click();
  await expect(columns).toHaveJSProperty('open', true);
  await page.getByRole('heading', { name: 'Credentials', level: 1 }).click();
  await expect(columns).toHaveJSProperty('open', false);
  // A filter popover behaves the same.
  const statusFilter = page.locator('details.facet').filter({ has: page.locator('summary', { hasText: /^Status/ }) });
  await statusFilter.locator('summary').click();
  await expect(statusFilter).toHaveJSProperty('open', true);
  await page.keyboard.press('Escape');
  await expect(statusFilter).toHaveJSProperty('open', false);
  await statusFilter.locator('summary').click();
  await page.getByTestId('grid-status').click();
  await expect(statusFilter).toHaveJSProperty('open', false);

  // Widen Identifier by dragging its header's edge: kept for this user after a reload.
  const resizer = grid.getByRole('separator', { name: 'Resize Identifier' });
  await expect(resizer).toHaveAttribute('aria-valuenow', '150');
  const box = await resizer.boundingBox();
  if (!box) throw new Error('the resize handle has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(resizer).toHaveAttribute('aria-valuenow', '210');
  await reloadAs(page, ADMIN);
  await nav.getByRole('button', { name: 'Credentials', exact: true }).click();
  await expect(grid.getByRole('separator', { name: 'Resize Identifier' })).toHaveAttribute('aria-valuenow', '210');
  await expect(grid.getByRole('columnheader', { name: 'Tags' })).toBeVisible();

  // The operations list: state, message and actions on screen.
  await nav.getByRole('button', { name: 'Operations', exact: true }).click();
  const operations = page.getByRole('table', { name: 'Operations' });
  await expect(operations.getByRole('row', { name: /OP-000002/ })).toBeVisible();
  for (const name of ['Code', 'State', 'Message', 'Actions']) await expectOnScreen(operations.getByRole('columnheader', { name: new RegExp(`^${name}`) }));
  const row = operations.getByRole('row', { name: /OP-000001/ });
  await expectOnScreen(row.getByRole('cell').filter({ has: page.locator('.state-badge, [data-state], span') }).first());
  await expectOnScreen(row.getByRole('button', { name: /Details/ }).first());
  await app.screenshot('tables-operations-1366');

  // Another user at the same window has their own layout.
  await signOut(page);
  await unlockThroughUi(page, OPERATOR);
  await nav.getByRole('button', { name: 'Credentials', exact: true }).click();
  await expect(grid.getByRole('separator', { name: 'Resize Identifier' })).toHaveAttribute('aria-valuenow', '150');
  await expect(grid.getByRole('columnheader', { name: 'Tags' })).toHaveCount(0);

  // The bulk wizard's last step sends for approval.
  await grid.getByRole('row', { name: /web01-root/ }).click();
  await grid.getByRole('row', { name: /web01-app/ }).click({ modifiers: ['Shift'] });
  await page.getByRole('button', { name: /^Bulk action/ }).click();
  const wizard = page.getByRole('dialog', { name: /^Bulk action/ });
  await wizard.getByRole('radio', { name: /^Disable/ }).check();
  await wizard.getByRole('button', { name: 'Continue' }).click();
  await expect(wizard.getByRole('button', { name: 'Send for approval' })).toBeEnabled();
  await expect(wizard.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  await app.screenshot('words-bulk-wizard-send');
  await wizard.getByRole('button', { name: 'Send for approval' }).click();
  await expect(wizard.getByTestId('bulk-sent')).toContainText('was sent for approval');
});

test('an operator chooses dark mode for themselves only; the audit names users and credentials, links them and has a details pane', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, dataDir } = app;
  await page.setViewportSize(LAPTOP);
  await createVaultThroughUi(page);
  await seedVault(dataDir);
  const nav = page.getByRole('navigation', { name: 'Main' });

  await signOut(page);
  await unlockThroughUi(page, OPERATOR);
  await nav.getByRole('button', { name: 'Settings', exact: true }).click();
  const mine = page.getByRole('region', { name: 'Your preferences' });
  await mine.getByLabel('Theme').selectOption('dark');
  await expect(page.getByTestId('preferences-notice')).toHaveText('Saved for olga: theme dark.');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The vault-wide settings stay an administrator's, read-only here.
  await expect(page.getByText('Only an administrator can change these settings; you see them read-only.')).toBeVisible();
  await app.screenshot('preferences-operator-dark');
  await reloadAs(page, OPERATOR);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // Her own landing view: the next sign-in opens Operations, not the operator's usual Credentials.
  await mine.getByLabel('Open after signing in').selectOption('operations');
  await expect(page.getByTestId('preferences-notice')).toHaveText('Saved for olga: open Operations after signing in.');
  await signOut(page);
  await unlockThroughUi(page, OPERATOR);
  await expect(nav.getByRole('button', { name: 'Operations', exact: true })).toHaveAttribute('aria-current', 'page');
  // The address still wins on the first sign-in after a reload: she stays where she reloaded.
  await nav.getByRole('button', { name: 'Devices', exact: true }).click();
  await reloadAs(page, OPERATOR);
  await expect(nav.getByRole('button', { name: 'Devices', exact: true })).toHaveAttribute('aria-current', 'page');

  // The administrator signs in at the same window: their own (system) theme and landing view, not olga's.
  await signOut(page);
  await unlockThroughUi(page, ADMIN);
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');
  await expect(nav.getByRole('button', { name: 'Credentials', exact: true })).toHaveAttribute('aria-current', 'page');

  // The audit: names, not UUIDs or numbers; links; a details pane.
  await nav.getByRole('button', { name: 'Audit', exact: true }).click();
  const audit = page.getByRole('table', { name: 'Audit entries' });
  const created = audit.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'credential.create' }) }).filter({ hasText: 'web01-root' });
  await expect(created).toHaveCount(1);
  await expect(audit).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  await expect(audit.getByRole('row').filter({ hasText: 'user.create' }).first()).toContainText('user olga');
  // The row (its time cell: the object cell is a link of its own) opens the details pane.
  await created.locator('time').click();
  const pane = page.getByTestId('audit-details');
  await expect(pane).toContainText('credential.create');
  await expect(pane).toContainText('Signed by');
  await expect(pane).toContainText('credential web01-root');
  await expect(pane).toContainText('"after"');
  await app.screenshot('audit-details-pane');
  await created.getByRole('button', { name: 'Open credential web01-root' }).click();
  const details = page.getByRole('dialog', { name: 'Credential web01-root' });
  await expect(details).toBeVisible();
  await app.screenshot('audit-credential-link');
});
