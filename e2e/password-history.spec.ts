import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app';
import { runCli } from './fixtures/pam-world';
import { ADMIN, createVaultThroughUi, unlockThroughUi } from './fixtures/vault-ui';

const OLD = 'Backup-era-secret-1!';
const CURRENT = 'Current-secret-2!';

/** The grid was loaded before the CLI added the credential: reload it (signing in again if asked). */
async function reloadCredentials(page: Page): Promise<void> {
  await page.reload();
  const unlock = page.getByRole('form', { name: 'Unlock vault' });
  const grid = page.getByRole('grid', { name: 'Credentials' });
  await expect(unlock.or(grid)).toBeVisible();
  if (await unlock.isVisible()) await unlockThroughUi(page, ADMIN);
  await expect(grid.getByRole('row', { name: /srv01-root/ })).toBeVisible();
}

test('password history: a replaced secret appears in the history, can be revealed, and restored through a vault-only reset', async ({ app }) => {
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  await runCli(dataDir, ['device', 'upsert'], { stdin: JSON.stringify({ hostname: 'srv01', ip: '10.0.0.1' }) });
  const body = { identifier: 'srv01-root', username: 'root', hostname: 'srv01', ip: '10.0.0.1' };
  await runCli(dataDir, ['credential', 'upsert'], { stdin: JSON.stringify({ ...body, content: OLD }) });
  await runCli(dataDir, ['credential', 'upsert'], { stdin: JSON.stringify({ ...body, content: CURRENT }) });
  await reloadCredentials(page);

  await page.getByRole('button', { name: 'Open srv01-root' }).click();
  const details = page.getByRole('dialog', { name: 'Credential srv01-root' });
  const history = details.getByRole('table', { name: 'Password history' });
  await expect(history.getByRole('row')).toHaveCount(2);
  const entry = history.getByRole('row').nth(1);
  await expect(entry).toContainText('Edited');
  await expect(entry).toContainText(ADMIN.username);
  await expect(history).not.toContainText(OLD);

  await entry.getByRole('button', { name: 'Reveal' }).click();
  await expect(details.getByTestId('revealed-history-secret')).toHaveText(OLD);
  await app.screenshot('password-history-revealed');
  await entry.getByRole('button', { name: 'Hide' }).click();
  await expect(details.getByTestId('revealed-history-secret')).toHaveCount(0);

  await entry.getByRole('button', { name: 'Restore' }).click();
  const confirm = details.getByRole('group', { name: 'Restore a previous secret' });
  await expect(confirm).toContainText('Only the vault changes, not the target');
  await app.screenshot('password-history-restore-confirm');
  await confirm.getByRole('button', { name: 'Restore this password' }).click();
  await expect(details.getByRole('status').filter({ hasText: 'is the current password again' })).toBeVisible();

  // The restored secret is the current one; the one it replaced is now in the history.
  await details.getByRole('button', { name: 'Reveal', exact: true }).first().click();
  await expect(details.getByLabel('Revealed password')).toHaveText(OLD);
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history.getByRole('row').nth(1)).toContainText('Restored an older secret');
  await app.screenshot('password-history-restored');

  // The CLI sees the same history, and the reveal and the restore are on record.
  const listed = JSON.parse(await runCli(dataDir, ['credential', 'history', 'srv01-root', '--json'])) as { id: number; reason: string }[];
  expect(listed.map((e) => e.reason)).toEqual(['restore', 'edit']);
  const [restoredEntry] = listed;
  expect(await runCli(dataDir, ['credential', 'reveal-history', 'srv01-root', String(restoredEntry?.id)])).toContain(CURRENT);
  const audit = await runCli(dataDir, ['audit', 'export', '--format', 'json', '--action', 'credential.re']);
  expect(audit).toContain('credential.reveal_history');
  expect(audit).toContain('restoredHistoryEntry');

  // The history's length is a policy setting: refused outside 0..100 beside its field, saved within.
  await details.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Policies', exact: true }).click();
  await page.getByRole('button', { name: 'New policy' }).click();
  const editor = page.getByRole('dialog', { name: 'New policy' });
  await editor.getByLabel('Name').fill('Short history');
  const kept = editor.getByLabel('Previous secrets kept');
  await expect(kept).toHaveValue('10');
  await kept.fill('101');
  await expect(editor.getByText('The history length is at most 100')).toBeVisible();
  await expect(editor.getByRole('button', { name: 'Save policy' })).toBeDisabled();
  await kept.fill('1');
  await app.screenshot('policy-history-length');
  await editor.getByRole('button', { name: 'Save policy' }).click();
  await expect(editor).toBeHidden();

  // Governed by it now (a default policy), the next replacement trims the history to one entry.
  await runCli(dataDir, ['credential', 'upsert'], { stdin: JSON.stringify({ ...body, content: 'Third-secret-3!' }) });
  const trimmed = JSON.parse(await runCli(dataDir, ['credential', 'history', 'srv01-root', '--json'])) as { reason: string }[];
  expect(trimmed.map((e) => e.reason)).toEqual(['edit']);
});
