import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/app';
import { runCli, showCredential } from './fixtures/pam-world';
import { createVaultThroughUi } from './fixtures/vault-ui';

interface ShownCredential {
  readonly needs_human_interaction: boolean;
  readonly execution_settings: Record<string, unknown> | null;
}

test('execution settings: executor, template and authentication credential are picked from drop-downs and saved', async ({ app }) => {
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  // A device, and the privileged credential that will log in to change the new one.
  await runCli(dataDir, ['device', 'upsert'], { stdin: JSON.stringify({ hostname: 'web01', ip: '10.0.0.5' }) });
  await runCli(dataDir, ['credential', 'upsert'], { stdin: JSON.stringify({ identifier: 'web01-root', username: 'root', hostname: 'web01', ip: '10.0.0.5', content: 'r00t-Secret-1' }) });
  // A Telnet template, as imported from Segura's library: only the Telnet plugin offers it.
  const telnetFile = join(dataDir, 'old-switch.txt');
  writeFileSync(telnetFile, 'expect "*#"\nexec "configure terminal"\nexpect "*#"\nexec "username [#USERNAME#] secret [#NEW_PASSWORD#]"\nend\n');
  await runCli(dataDir, ['template', 'import', telnetFile, '--name', 'Old switch - Change password', '--type', 'change_password', '--plugin', 'Telnet']);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Credentials', exact: true }).click();
  await page.getByRole('button', { name: 'New credential' }).click();
  const editor = page.getByRole('dialog', { name: 'New credential' });
  await editor.getByLabel('Identifier', { exact: true }).fill('web01-app');
  await editor.getByLabel('Username', { exact: true }).fill('app');
  await editor.getByLabel('Device', { exact: true }).selectOption({ label: 'web01 (10.0.0.5)' });
  await editor.getByRole('tab', { name: 'Execution settings' }).click();

  await editor.getByLabel('Automatic change', { exact: true }).check();
  // The plugin comes from the executor registry; the templates offered fit it and a password change.
  const plugin = editor.getByLabel('Change plugin', { exact: true });
  await expect(plugin.locator('option')).toHaveText(['(none)', 'SSH', 'Telnet', 'PostgreSQL', 'MySQL', 'LDAP']);
  const template = editor.getByLabel('Change template', { exact: true });
  await plugin.selectOption('Telnet');
  await expect(editor.getByText(/Telnet sends the login and every line of the template, the new password included, in clear/)).toBeVisible();
  await expect(template.locator('option', { hasText: 'Old switch - Change password' })).toHaveCount(1);
  await expect(template.locator('option', { hasText: 'Linux - Change password as root' })).toHaveCount(0);
  await app.screenshot('execution-settings-telnet');
  await plugin.selectOption('SSH');
  await expect(editor.getByText(/in clear/)).toHaveCount(0);
  await expect(template.locator('option', { hasText: 'Old switch - Change password' })).toHaveCount(0);
  await expect(template.locator('option', { hasText: 'Linux - Change password as root' })).toHaveCount(1);
  await expect(template.locator('option', { hasText: 'Linux - Verify' })).toHaveCount(0);
  await expect(template.locator('option', { hasText: 'Linux - SSH key rotation - add' })).toHaveCount(0);
  await template.selectOption('Linux - Change password as root');

  // Not connecting as itself without naming who does is refused, with the code main uses.
  await editor.getByLabel('Use own credential to connect').uncheck();
  await editor.getByRole('button', { name: 'Save credential' }).click();
  await expect(editor.getByTestId('editor-error')).toContainText('No authentication credential is chosen. Choose the Authentication credential, or tick "Use own credential to connect". (Code 9105');

  await editor.getByRole('searchbox', { name: 'Search: Authentication credential' }).fill('web01-root');
  const authentication = editor.getByLabel('Authentication credential', { exact: true });
  await expect(authentication.locator('option', { hasText: 'web01-root' })).toHaveCount(1);
  await authentication.selectOption({ label: 'web01-root (root@web01, 10.0.0.5)' });
  await editor.getByLabel('Needs MFA or human interaction: never changed automatically or by request').check();
  await app.screenshot('execution-settings');
  await editor.getByRole('button', { name: 'Save credential' }).click();
  await expect(editor).toBeHidden();

  const saved = (await showCredential(dataDir, 'web01-app')) as unknown as ShownCredential;
  expect(saved.needs_human_interaction).toBe(true);
  expect(saved.execution_settings).toMatchObject({
    automatic_change: true,
    change_plugin: 'SSH',
    change_template: 'Linux - Change password as root',
    use_own_credential_to_connect: false,
    authentication_credential: 'web01-root',
    authentication_hostname: 'web01',
    authentication_ip: '10.0.0.5',
  });
});

test('templates: a built-in is duplicated to be customised, and offers no Delete', async ({ app }) => {
  const { page } = app;
  await createVaultThroughUi(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Templates', exact: true }).click();
  const list = page.getByRole('table', { name: 'Templates' });
  await list.getByRole('button', { name: 'Duplicate template Linux - Verify' }).click();
  const editor = page.getByRole('dialog', { name: 'Template Linux - Verify (copy)' });
  await expect(editor).toBeVisible();
  await expect(list.getByRole('row', { name: /Linux - Verify \(copy\)/ })).toBeVisible();
  // The built-in itself offers no Delete.
  await expect(list.getByRole('button', { name: 'Delete template Linux - Verify', exact: true })).toHaveCount(0);
});
