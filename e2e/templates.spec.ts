import { expect, test } from './fixtures/app';
import { createVaultThroughUi } from './fixtures/vault-ui';

const BROKEN = ['set-connect-timeout 10', 'exec "echo [#UNDECLARED_TAG#]"', 'frobnicate "x"', 'end', ''].join('\n');
const FIXED = ['set-connect-timeout 10', 'exec "echo [#GREETING|sh#]"', 'end', ''].join('\n');
const EDITED = ['# Says hello, then leaves.', 'set-connect-timeout 10', 'exec "echo [#GREETING|sh#]"', 'end', ''].join('\n');

test('templates: built-ins listed; lint blocks a broken body inline; saves make versions 1 and 2', async ({ app }) => {
  const { page } = app;
  await createVaultThroughUi(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Templates', exact: true }).click();

  // The built-in templates are there, marked as such.
  const list = page.getByRole('table', { name: 'Templates' });
  const builtin = list.getByRole('row', { name: /Linux - Change own password/ });
  await expect(builtin).toBeVisible();
  await expect(builtin).toContainText('Change password');
  await expect(builtin.getByRole('cell').nth(3)).toHaveText('Yes');
  await expect(list.getByRole('row', { name: /Cisco IOS - Change user secret/ })).toBeVisible();

  // A body with an unknown command and an undeclared tag: errors by line and column, Save blocked.
  await page.getByRole('button', { name: 'New template' }).click();
  const editor = page.getByRole('dialog', { name: 'New template' });
  await editor.getByLabel('Name', { exact: true }).fill('E2E - greet');
  await editor.getByLabel('Body', { exact: true }).fill(BROKEN);
  const problems = editor.getByRole('list', { name: 'Problems in the template' });
  await expect(problems).toContainText('Line 2, column 12');
  await expect(problems).toContainText('[#UNDECLARED_TAG#] is neither a built-in tag nor a variable');
  await expect(problems).toContainText('Line 3, column 1');
  await expect(problems).toContainText('Unknown command "frobnicate"');
  await expect(editor.getByTestId('lint-summary')).toHaveText('2 errors, 0 warnings.');
  await expect(editor.locator('.gutter-line[data-line="2"]')).toHaveAttribute('data-severity', 'error');
  await expect(editor.locator('.gutter-line[data-line="3"]')).toHaveAttribute('data-severity', 'error');
  const save = editor.getByRole('button', { name: 'Save template' });
  await expect(save).toBeDisabled();
  await expect(editor).toContainText('Fix the 2 errors listed under Problems to save.');

  // A problem jumps to its line: the caret lands on "frobnicate".
  await problems.getByRole('button', { name: 'Line 3, column 1' }).click();
  const body = editor.getByLabel('Body', { exact: true });
  await expect(body).toBeFocused();
  expect(await body.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).toBe('frobnicate');
  await app.screenshot('template-lint-errors');

  // Fix it: declare the variable, drop the unknown command.
  await editor.getByRole('button', { name: 'Add variable' }).click();
  await editor.getByLabel('Variable 1 name').fill('GREETING');
  await editor.getByLabel('Variable 1 value').fill('hello');
  await body.fill(FIXED);
  await expect(editor.getByTestId('lint-summary')).toHaveText('No problems found.');
  await expect(save).toBeEnabled();
  await save.click();
  await expect(page.getByRole('dialog', { name: 'Template E2E - greet' }).getByRole('status').first()).toHaveText('Saved E2E - greet as version 1.');

  // An edit is a new version; History shows both, newest first, with author and body.
  const saved = page.getByRole('dialog', { name: 'Template E2E - greet' });
  await saved.getByLabel('Body', { exact: true }).fill(EDITED);
  await expect(saved.getByTestId('lint-summary')).toHaveText('No problems found.');
  await saved.getByRole('button', { name: 'Save template' }).click();
  await expect(saved.getByText('Saved E2E - greet as version 2.')).toBeVisible();
  await saved.getByRole('tab', { name: 'History' }).click();
  const versions = saved.getByRole('list', { name: 'Versions' });
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  await expect(versions.getByRole('listitem').first()).toContainText('Version 2 (current) · saved by admin');
  await expect(saved.getByLabel('Body of version 2')).toContainText('# Says hello, then leaves.');
  await versions.getByText(/^Version 1 ·/).click();
  await expect(saved.getByLabel('Body of version 1')).not.toContainText('Says hello');
  await app.screenshot('template-history');

  await saved.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(saved).toBeHidden();
  const row = list.getByRole('row', { name: /E2E - greet/ });
  await expect(row.getByRole('cell').nth(1)).toHaveText('2');
  await expect(row.getByRole('cell').nth(3)).toHaveText('No');
  await app.screenshot('templates');
});

test('templates: a Telnet template for a network CLI saves with a warning, not an error, and keeps its executor', async ({ app }) => {
  const { page } = app;
  await createVaultThroughUi(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Templates', exact: true }).click();
  await page.getByRole('button', { name: 'New template' }).click();
  const editor = page.getByRole('dialog', { name: 'New template' });
  await editor.getByLabel('Name', { exact: true }).fill('E2E - old switch');
  const executor = editor.getByLabel('Executor', { exact: true });
  await expect(executor.locator('option')).toHaveText(['SSH', 'Telnet', 'PostgreSQL', 'MySQL', 'LDAP']);
  await executor.selectOption({ label: 'Telnet' });
  await expect(editor.getByText(/Telnet sends the login and every line of the template, the new password included, in clear/)).toBeVisible();
  // Cisco-style: the secret on the configuration line. Without a device that is a warning (a POSIX device refuses it at run time).
  await editor.getByLabel('Body', { exact: true }).fill('expect "*#"\nexec "enable secret [#NEW_PASSWORD#]"\nend\n');
  await expect(editor.getByTestId('lint-summary')).toHaveText('0 errors, 1 warning.');
  await expect(editor.getByRole('list', { name: 'Problems in the template' })).toContainText('network CLI');
  await editor.getByRole('button', { name: 'Save template' }).click();
  const saved = page.getByRole('dialog', { name: 'Template E2E - old switch' });
  await expect(saved.getByRole('status').first()).toHaveText('Saved E2E - old switch as version 1.');
  await expect(saved.getByLabel('Executor', { exact: true }).locator('option')).toHaveText(['Telnet']);
  await app.screenshot('template-telnet');
});
