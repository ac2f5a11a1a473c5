import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app';
import { addTargetCredential, listOperations, runCli, startTargetDevice, waitForInSync } from './fixtures/pam-world';
import { ADMIN, createVaultThroughUi, unlockThroughUi } from './fixtures/vault-ui';
import { deleteEntryAndRechain, entryIdOf, withSlotDatabase } from '../test/support/audit-attacks';

const ACCOUNTS = [
  { username: 'alice', password: 'Alice-real-1!' },
  { username: 'bob', password: 'Bob-real-1!' },
];
const ALICE_WRONG = 'Alice-wrong-1!';
const IMPORTED_SECRET = 'Imp0rted-S3cret-xyz!';
const IMPORT_CSV = ['identifier,username,hostname,ip,content,device_type', `db-root,root,db01,10.9.9.9,${IMPORTED_SECRET},Linux`, `db-app,app,db01,10.9.9.9,${IMPORTED_SECRET}2,Linux`, ''].join('\r\n');
/** Secrets that no export or audit entry may contain. */
const SECRETS = [ALICE_WRONG, IMPORTED_SECRET, ADMIN.passphrase, ...ACCOUNTS.map((a) => a.password)];

interface CredentialRow {
  readonly identifier: string;
  readonly in_sync: string;
}

async function vaultCredentials(dataDir: string): Promise<{ readonly total: number; readonly rows: readonly CredentialRow[] }> {
  return JSON.parse(await runCli(dataDir, ['credential', 'list', '--json'])) as { total: number; rows: CredentialRow[] };
}

/** Reloads the page, signing in again if the reload asked for it, and waits for the view's heading. */
async function reloadOn(page: Page, heading: string): Promise<void> {
  await page.reload();
  const unlock = page.getByRole('form', { name: 'Unlock vault' });
  const title = page.getByRole('heading', { level: 1, name: heading });
  await expect(unlock.or(title)).toBeVisible();
  if (await unlock.isVisible()) await unlockThroughUi(page, ADMIN);
  await expect(title).toBeVisible();
}

/** The views scroll inside the frame: a taller window, without toasts over them, shows them whole. */
async function prepareScreenshot(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 1100 });
  for (const dismiss of await page.getByRole('button', { name: /^Dismiss: / }).all()) await dismiss.click();
}

async function downloadText(page: Page, click: () => Promise<void>): Promise<{ readonly name: string; readonly text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('governance: dashboard figures match the vault, audit viewer, exports without secrets, settings, shortcuts', async ({ app }) => {
  test.setTimeout(240_000);
  const { page, dataDir } = app;
  const nav = page.getByRole('navigation', { name: 'Main' });
  await createVaultThroughUi(page);

  // Seed: two credentials on a real sshd (alice's vault secret wrong on purpose), verified.
  const target = await startTargetDevice(dataDir, ACCOUNTS);
  try {
    await addTargetCredential(dataDir, target, 'alice', ALICE_WRONG);
    await addTargetCredential(dataDir, target, 'bob', 'Bob-real-1!');
    await runCli(dataDir, ['verify', 'target-alice', 'target-bob']);
    await waitForInSync(dataDir, 'target-alice', 'NotInSync');
    await waitForInSync(dataDir, 'target-bob', 'InSync');
  } finally {
    await target.stop();
  }

  // Seed: two more through the import dialog: preview first, nothing written until confirmed.
  await nav.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Import credentials…' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import credentials' });
  await importDialog.getByLabel('CSV file').setInputFiles({ name: 'seed.csv', mimeType: 'text/csv', buffer: Buffer.from(IMPORT_CSV) });
  await importDialog.getByLabel('Format').selectOption('pamdesk');
  await importDialog.getByRole('button', { name: 'Preview' }).click();
  await expect(importDialog.getByTestId('import-summary')).toContainText('2 rows: 2 to create, 0 to update, 0 skipped, 0 rows with errors; 1 new device.');
  await expect(importDialog.getByTestId('import-preview')).toContainText('root@db01');
  expect((await vaultCredentials(dataDir)).total).toBe(2);
  await importDialog.getByRole('button', { name: 'Import 2 credentials' }).click();
  await expect(importDialog.getByTestId('import-result')).toContainText('Imported. 2 rows: 2 created, 0 updated, 0 skipped; 1 new device created.');
  await importDialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(importDialog).toBeHidden();

  // The dashboard's figures are what the vault holds.
  const vault = await vaultCredentials(dataDir);
  const notInSync = vault.rows.filter((row) => row.in_sync === 'NotInSync').length;
  const operations = await listOperations(dataDir);
  expect(vault.total).toBe(4);
  expect(notInSync).toBe(1);
  await nav.getByRole('button', { name: 'Dashboard', exact: true }).click();
  await expect(page.getByTestId('figure-total-count')).toHaveText(String(vault.total));
  await expect(page.getByTestId('figure-notInSync-count')).toHaveText(String(notInSync));
  await expect(page.getByTestId('figure-managed-count')).toHaveText('2');
  await expect(page.getByTestId('figure-notManaged-count')).toHaveText('2');
  // The chart's hidden table adds up to every operation scheduled (all of them today).
  const totals = await page.getByTestId('operations-chart-table').locator('tbody tr td:last-child').allTextContents();
  expect(totals.reduce((sum, n) => sum + Number(n), 0)).toBe(operations.length);
  await expect(page.getByRole('group', { name: /Operations by state over the last 30 days/ })).toBeVisible();
  await prepareScreenshot(page);
  await app.screenshot('governance-dashboard');

  // A figure opens the list it counted: NotInSync → the grid filtered to alice.
  await page.getByTestId('figure-notInSync').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Credentials' })).toBeVisible();
  await expect(page.getByTestId('grid-status')).toContainText('1 credential');
  await expect(page.getByRole('grid', { name: 'Credentials' }).getByRole('row', { name: /target-alice/ })).toBeVisible();

  // "Waiting" and the other operation figures lead to the operations list with states chosen.
  await nav.getByRole('button', { name: 'Dashboard', exact: true }).click();
  await page.getByTestId('figure-waiting').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Operations' })).toBeVisible();
  const stateChoice = page.getByRole('form', { name: 'Filter operations' }).locator('summary', { hasText: 'State' });
  await expect(stateChoice).toContainText('(3)');
  await stateChoice.click();
  await expect(page.getByRole('checkbox', { name: 'Scheduled' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Running' })).toBeChecked();

  // The audit viewer: entries, a filter by action, the chain intact.
  await nav.getByRole('button', { name: 'Audit', exact: true }).click();
  await expect(page.getByTestId('audit-table').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('chain-banner')).toHaveText(/^Verified: \d+ entries, chain intact\. Signatures: the newest entry of each signer verified \(\d+\)/);
  const filters = page.getByRole('form', { name: 'Filter audit entries' });
  await filters.getByLabel('Action').fill('import.');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  const actions = page.getByTestId('audit-table').locator('tbody tr th');
  await expect(actions.first()).toHaveText(/^import\./);
  for (const action of await actions.allTextContents()) expect(action).toMatch(/^import\./);
  await prepareScreenshot(page);
  await app.screenshot('governance-audit');

  // Export CSV: a header, the filtered entries, and no secret.
  const audit = await downloadText(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  expect(audit.name).toMatch(/^pamdesk-audit-\d{4}-\d\d-\d\d\.csv$/);
  expect(audit.text.split(/\r?\n/)[0]).toBe('id,at,actor,shell,action,object_type,object_id,details,prev_hash,hash');
  expect(audit.text).toContain('import.');
  for (const secret of SECRETS) expect(audit.text).not.toContain(secret);
  await expect(page.getByTestId('export-notice')).toContainText(audit.name);

  // The credentials report: every credential, no secret.
  await nav.getByRole('button', { name: 'Settings', exact: true }).click();
  const report = await downloadText(page, () => page.getByRole('button', { name: 'Export credentials (CSV)' }).click());
  expect(report.text.split(/\r?\n/)[0]).toMatch(/^identifier,/);
  for (const identifier of ['target-alice', 'target-bob', 'db-root', 'db-app']) expect(report.text).toContain(identifier);
  for (const secret of SECRETS) expect(report.text).not.toContain(secret);

  // A setting: validated like main, saved, said, and still there after a reload.
  const idle = page.getByLabel('Idle lock (minutes)');
  await idle.fill('999');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('settings-notice')).toContainText('Not saved');
  await expect(page.getByText('At most 240 minutes.')).toBeVisible();
  await idle.fill('12');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('settings-notice')).toHaveText('Saved. Idle lock (minutes): 12.');
  // The theme is the administrator's own preference, saved at once, not a vault-wide setting.
  await page.getByRole('region', { name: 'Your preferences' }).getByLabel('Theme').selectOption('dark');
  await expect(page.getByTestId('preferences-notice')).toHaveText('Saved for admin: theme dark.');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await reloadOn(page, 'Settings');
  await expect(page.getByLabel('Idle lock (minutes)')).toHaveValue('12');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await prepareScreenshot(page);
  await app.screenshot('governance-settings-dark');
  await nav.getByRole('button', { name: 'Dashboard', exact: true }).click();
  await expect(page.getByTestId('figure-total-count')).toHaveText(String(vault.total));
  await prepareScreenshot(page);
  await app.screenshot('governance-dashboard-dark');

  // Shortcuts: "?" opens the help overlay, Escape closes it; "/" searches credentials.
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).click();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByTestId('shortcuts-table')).toContainText('Ctrl+Shift+C');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search credentials' })).toBeFocused();
});

test('governance: the audit view says the trail was rewritten, where, and what to do', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, dataDir } = app;
  const olga = { username: 'olga', passphrase: 'e2e olga passphrase' };
  await createVaultThroughUi(page);
  await runCli(dataDir, ['domain', 'add', 'corp.example']);
  await runCli(dataDir, ['user', 'add', 'olga', '--role', 'operator'], { newPassphrase: olga.passphrase });
  await runCli(dataDir, ['credential', 'list'], { as: olga });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Audit', exact: true }).click();
  await expect(page.getByTestId('chain-banner')).toHaveText(/^Verified: \d+ entries, chain intact\. Signatures: the newest entry of each signer verified \(\d+\)/);

  // olga, an operator, deletes the administrator's domain entry with the database key her slot yields
  // and recomputes the SHA-256 chain and head behind it.
  let deleted = 0;
  await withSlotDatabase(dataDir, olga.username, olga.passphrase, (driver) => {
    deleted = entryIdOf(driver, 'domain.create');
    deleteEntryAndRechain(driver, deleted);
  });
  await page.getByRole('button', { name: 'Verify chain' }).click();
  const banner = page.getByRole('alert').and(page.getByTestId('chain-banner'));
  await expect(banner).toHaveText(new RegExp(`^Audit trail rewritten, first bad entry ${deleted}\\. The ${deleted - 1} entries before it verify\\. The audit trail was rewritten: the signature of entry ${deleted} does not verify with \\w+'s key.* Keep the vault files as they are, export the trail, and compare it with your SIEM and backups\\.$`));
  await app.screenshot('governance-audit-rewritten');
});
