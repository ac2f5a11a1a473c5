import { expect, test } from './fixtures/app';

const ADMIN = 'admin';
const PASSPHRASE = 'correct horse battery staple';
const PASSWORD = 'S3cret-Pa55-for-root!';

test('a credential goes from the editor to the grid, is found, revealed, and survives a lock', async ({ app }) => {
  const { page } = app;

  // First run: create the vault and its administrator.
  await page.getByLabel('Administrator username').fill(ADMIN);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create vault' }).click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeVisible();

  // A domain and a device to hang the credential on.
  await nav.getByRole('button', { name: 'Devices', exact: true }).click();
  await page.getByRole('button', { name: 'Register domain' }).click();
  const domainDialog = page.getByRole('dialog', { name: 'Register domain' });
  await domainDialog.getByLabel('Domain name').fill('testlab.com');
  await domainDialog.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('list', { name: 'Registered domains' })).toContainText('testlab.com');

  await page.getByRole('button', { name: 'New device' }).click();
  const deviceDialog = page.getByRole('dialog', { name: 'New device' });
  await deviceDialog.getByLabel('Hostname').fill('web01');
  await deviceDialog.getByLabel('IP', { exact: true }).fill('10.0.0.5');
  await deviceDialog.getByLabel('Device type').fill('Linux');
  await deviceDialog.getByLabel('Connectivities').fill('SSH:22');
  await deviceDialog.getByLabel('testlab.com').check();
  await deviceDialog.getByRole('button', { name: 'Save device' }).click();
  await expect(deviceDialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Devices' })).toContainText('10.0.0.5');
  await app.screenshot('devices');

  // An empty vault says what to do next.
  await nav.getByRole('button', { name: 'Credentials', exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Credentials' });
  await expect(page.getByTestId('grid-empty')).toHaveText('No credentials yet: add the first one to your device. Add a credential');

  // The editor checks as main does, with the seed's message, and keeps what was typed.
  await page.getByRole('button', { name: 'New credential' }).click();
  const editor = page.getByRole('dialog', { name: 'New credential' });
  await editor.getByLabel('Identifier', { exact: true }).fill('web01-root');
  await editor.getByLabel('Username', { exact: true }).fill('root');
  await editor.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await editor.getByRole('button', { name: 'Save credential' }).click();
  await expect(editor.getByTestId('editor-error')).toContainText("The hostname is missing. Enter the device's Hostname. (Code 1004");
  await expect(editor.getByLabel('Identifier', { exact: true })).toHaveValue('web01-root');
  await app.screenshot('editor-error');

  await editor.getByLabel('Device', { exact: true }).selectOption({ label: 'web01 (10.0.0.5)' });
  await expect(editor.getByLabel('Hostname', { exact: true })).toHaveValue('web01');
  await editor.getByLabel('Tags', { exact: true }).fill('linux,prod');
  await editor.getByRole('tab', { name: 'Additional' }).click();
  await editor.getByLabel('Criticality').selectOption('high');
  await editor.getByRole('button', { name: 'Save credential' }).click();
  await expect(editor).toBeHidden();

  // It appears in the grid, and the status line counts it.
  await expect(grid.getByRole('row', { name: /web01-root/ })).toBeVisible();
  await expect(page.getByTestId('grid-status')).toContainText('1 credential');
  await expect(grid).toHaveAttribute('aria-rowcount', '2');
  await app.screenshot('grid');

  // Search as you type: a match, then a miss that says so.
  const search = page.getByRole('searchbox', { name: 'Search credentials' });
  await search.fill('web01');
  await expect(grid).toHaveAttribute('data-shown-search', 'web01');
  await expect(grid.getByRole('row', { name: /web01-root/ })).toBeVisible();
  await search.fill('nothing-like-this');
  await expect(page.getByTestId('grid-empty')).toContainText('No credential matches "nothing-like-this"');
  await search.fill('root');
  await expect(grid.getByRole('row', { name: /web01-root/ })).toBeVisible();

  // Headers sort (in main) and say so.
  const usernameHeader = grid.getByRole('columnheader', { name: 'Username' });
  await usernameHeader.click();
  await expect(usernameHeader).toHaveAttribute('aria-sort', 'ascending');
  await usernameHeader.click();
  await expect(usernameHeader).toHaveAttribute('aria-sort', 'descending');

  // Keyboard: the grid is one tab stop; Enter opens the active row.
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  const details = page.getByRole('dialog', { name: 'Credential web01-root' });
  await expect(details).toBeVisible();
  await details.getByRole('button', { name: 'Reveal', exact: true }).click();
  await expect(details.getByLabel('Revealed password')).toHaveText(PASSWORD);
  await app.screenshot('revealed');
  await details.getByRole('button', { name: 'Hide' }).click();
  await expect(details.getByLabel('Revealed password')).toHaveCount(0);

  // Copy puts the password on the clipboard and says who clears it: main in the desktop app; on the
  // host, nobody can, and the page says so.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await details.getByRole('button', { name: 'Copy password' }).click();
  if (app.shell === 'host') {
    await expect(details.getByRole('status')).toContainText("The browser's clipboard cannot be cleared by pamdesk: paste it now and copy something else after.");
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(PASSWORD);
  } else {
    await expect(details.getByRole('status')).toContainText('Copied. pamdesk clears the clipboard in');
  }
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();

  // The row's own Reveal opens the same dialog with the secret shown.
  await grid.getByRole('button', { name: 'Reveal web01-root' }).click();
  await expect(page.getByRole('dialog', { name: 'Credential web01-root' }).getByLabel('Revealed password')).toHaveText(PASSWORD);
  await page.keyboard.press('Escape');

  // Ctrl+L locks: the unlock screen replaces the grid and no credential data stays on the page.
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible();
  await expect(page.getByRole('grid')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('web01-root');
  await app.screenshot('locked');

  await page.getByLabel('Username').fill(ADMIN);
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('grid', { name: 'Credentials' }).getByRole('row', { name: /web01-root/ })).toBeVisible();
  await expect(page.getByTestId('grid-status')).toContainText('1 credential');
  await app.screenshot('unlocked');
});
