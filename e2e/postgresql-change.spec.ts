import { startPostgres, type PostgresTarget } from '../test/support/targets/postgres';
import { expect, test } from './fixtures/app';
import { runCli, showCredential } from './fixtures/pam-world';
import { createVaultThroughUi } from './fixtures/vault-ui';

const ACCOUNT = { username: 'app_owner', password: 'Old-Pg-Pa55word!' } as const;
const CHANGE_TEMPLATE = 'PostgreSQL - Change own password';

let target: PostgresTarget | undefined;

test.afterEach(async () => {
  await target?.stop();
  target = undefined;
});

test('PostgreSQL: the executor and its template are picked from drop-downs, and a requested change succeeds on a real server', async ({ app }) => {
  test.setTimeout(180_000);
  const { page, dataDir } = app;
  target = await startPostgres([ACCOUNT]);
  await createVaultThroughUi(page);
  await runCli(dataDir, ['device', 'upsert'], { stdin: JSON.stringify({ hostname: 'pg01', ip: target.host, connectivities: `PostgreSQL:${target.port}` }) });

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Credentials', exact: true }).click();
  await page.getByRole('button', { name: 'New credential' }).click();
  const editor = page.getByRole('dialog', { name: 'New credential' });
  await editor.getByLabel('Identifier', { exact: true }).fill('pg01-app-owner');
  await editor.getByLabel('Username', { exact: true }).fill(ACCOUNT.username);
  await editor.getByLabel('Device', { exact: true }).selectOption({ label: `pg01 (${target.host})` });
  await editor.getByLabel('Password', { exact: true }).fill(ACCOUNT.password);
  await editor.getByRole('tab', { name: 'Execution settings' }).click();
  await editor.getByLabel('Automatic change', { exact: true }).check();

  // The drop-down lists the registered executors; picking PostgreSQL offers only its templates.
  const plugin = editor.getByLabel('Change plugin', { exact: true });
  await expect(plugin.locator('option', { hasText: 'PostgreSQL' })).toHaveCount(1);
  await plugin.selectOption('PostgreSQL');
  const template = editor.getByLabel('Change template', { exact: true });
  await expect(template.locator('option', { hasText: CHANGE_TEMPLATE })).toHaveCount(1);
  await expect(template.locator('option', { hasText: 'Linux - Change own password' })).toHaveCount(0);
  await template.selectOption(CHANGE_TEMPLATE);
  await editor.getByLabel('Use own credential to connect').first().check();
  await app.screenshot('execution-settings-postgresql');
  await editor.getByRole('button', { name: 'Save credential' }).click();
  await expect(editor).toBeHidden();

  // Request the change and watch it go to Success live.
  await page.getByRole('banner').getByRole('button', { name: 'Request password change' }).click();
  const request = page.getByRole('dialog', { name: 'Request password change' });
  await request.getByRole('checkbox', { name: 'Select pg01-app-owner' }).check();
  await request.getByRole('button', { name: 'Request password change' }).click();
  await request.getByRole('button', { name: 'Yes' }).click();
  const scheduled = request.getByRole('list', { name: 'Scheduled' });
  await expect(scheduled).toContainText(/pg01-app-owner: operation OP-\d{6,}/);
  const code = /OP-\d{6,}/.exec((await scheduled.textContent()) ?? '')?.[0] ?? 'OP-';
  await request.getByRole('button', { name: 'View operations' }).click();
  const row = page.getByRole('table', { name: 'Operations' }).getByRole('row', { name: new RegExp(code) });
  await expect.poll(async () => row.getAttribute('data-state'), { timeout: 90_000, intervals: [200] }).toBe('Success');
  await app.screenshot('operations-postgresql-success');

  // The server now takes the vault's new password and refuses the old one; its log never saw the new one.
  const shown = await showCredential(dataDir, 'pg01-app-owner', true);
  const secret = shown.secret ?? '';
  expect(secret).not.toBe(ACCOUNT.password);
  expect(await target.login(ACCOUNT.username, secret)).toBe('accepted');
  expect(await target.login(ACCOUNT.username, ACCOUNT.password)).toBe('rejected');
  expect(target.readLog()).not.toContain(secret);
});
