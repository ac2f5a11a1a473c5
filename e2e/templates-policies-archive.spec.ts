import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app';
import { runCli } from './fixtures/pam-world';
import { createVaultThroughUi, unlockThroughUi } from './fixtures/vault-ui';

const CUSTOM = 'Web - Change password';
const BODY = 'set-connect-timeout 10\nexec "echo [#USERNAME#]"\nend\n';

/** A custom SSH password-change template, imported as an operator would (the CLI). */
async function importCustomTemplate(dataDir: string): Promise<void> {
  const file = join(dataDir, 'web-change.txt');
  writeFileSync(file, BODY);
  await runCli(dataDir, ['template', 'import', file, '--name', CUSTOM, '--type', 'change_password', '--plugin', 'SSH']);
}

async function openView(page: Page, name: 'Templates' | 'Policies' | 'Credentials'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
}

/** The credential editor's Change template picker for an SSH change, with the templates it offers. */
async function changeTemplatePicker(page: Page) {
  await openView(page, 'Credentials');
  await page.getByRole('button', { name: 'New credential' }).click();
  const editor = page.getByRole('dialog', { name: 'New credential' });
  await editor.getByRole('tab', { name: 'Execution settings' }).click();
  await editor.getByLabel('Automatic change', { exact: true }).check();
  await editor.getByLabel('Change plugin', { exact: true }).selectOption('SSH');
  return { editor, picker: editor.getByLabel('Change template', { exact: true }) };
}

test('an archived custom template leaves the list and the credential editor picker, and comes back when restored', async ({ app }) => {
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  await importCustomTemplate(dataDir);

  let { editor, picker } = await changeTemplatePicker(page);
  await expect(picker.locator('option', { hasText: CUSTOM })).toHaveCount(1);
  await editor.getByRole('button', { name: 'Cancel' }).click();

  await openView(page, 'Templates');
  const list = page.getByRole('table', { name: 'Templates' });
  await list.getByRole('button', { name: `Archive template ${CUSTOM}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Template ${CUSTOM} archived.` })).toBeVisible();
  await expect(list.getByRole('row', { name: new RegExp(CUSTOM) })).toHaveCount(0);

  await page.getByRole('button', { name: 'Archived', exact: true }).click();
  const archived = page.getByRole('table', { name: 'Archived templates' });
  await expect(archived.getByRole('row', { name: new RegExp(CUSTOM) })).toBeVisible();
  await app.screenshot('archived-templates');

  ({ editor, picker } = await changeTemplatePicker(page));
  await expect(picker.locator('option', { hasText: 'Linux - Change password as root' })).toHaveCount(1);
  await expect(picker.locator('option', { hasText: CUSTOM })).toHaveCount(0);
  await editor.getByRole('button', { name: 'Cancel' }).click();

  await openView(page, 'Templates');
  await page.getByRole('button', { name: 'Archived', exact: true }).click();
  await page.getByRole('table', { name: 'Archived templates' }).getByRole('button', { name: `Restore template ${CUSTOM}` }).click();
  await expect(page.getByText('No archived templates.')).toBeVisible();
  await expect(list.getByRole('row', { name: new RegExp(CUSTOM) })).toBeVisible();

  ({ picker } = await changeTemplatePicker(page));
  await expect(picker.locator('option', { hasText: CUSTOM })).toHaveCount(1);

  const actions = (JSON.parse(await runCli(dataDir, ['audit', 'export', '--format', 'json'])) as { action: string }[]).map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['template.archive', 'template.restore']));
});

test('a policy nothing uses is deleted after a confirmation that says nothing depends on it', async ({ app }) => {
  const { page } = app;
  await createVaultThroughUi(page);
  await openView(page, 'Policies');
  await page.getByRole('button', { name: 'New policy' }).click();
  const editor = page.getByRole('dialog', { name: 'New policy' });
  await editor.getByLabel('Name', { exact: true }).fill('Unused policy');
  await editor.getByRole('button', { name: 'Save policy' }).click();
  await expect(editor).toBeHidden();

  const list = page.getByRole('table', { name: 'Policies' });
  await list.getByRole('button', { name: 'Delete policy Unused policy' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete policy Unused policy?' });
  await expect(confirm).toContainText('Nothing depends on it.');
  await app.screenshot('delete-policy-confirmation');
  await confirm.getByRole('button', { name: 'Delete policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Policy Unused policy deleted.' })).toBeVisible();
  await expect(list.getByRole('row', { name: /Unused policy/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Archived', exact: true }).click();
  await expect(page.getByText('No archived policies.')).toBeVisible();
});

test('a template a credential uses is not deleted: the confirmation and the refusal name the credential; a built-in offers no Delete', async ({ app }) => {
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  await importCustomTemplate(dataDir);
  await runCli(dataDir, ['device', 'upsert'], { stdin: JSON.stringify({ hostname: 'web01', ip: '10.0.0.5' }) });
  await runCli(dataDir, ['credential', 'upsert'], {
    stdin: JSON.stringify({ identifier: 'web01-app', username: 'app', hostname: 'web01', ip: '10.0.0.5', content: 'App-Secret-1', execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: CUSTOM, use_own_credential_to_connect: true } }),
  });

  await openView(page, 'Templates');
  const list = page.getByRole('table', { name: 'Templates' });
  await expect(list.getByRole('button', { name: 'Delete template Linux - Change own password', exact: true })).toHaveCount(0);
  await list.getByRole('button', { name: `Delete template ${CUSTOM}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Delete template ${CUSTOM}?` });
  await expect(confirm).toContainText('Credentials that depend on it: web01-app.');
  await confirm.getByRole('button', { name: 'Delete template' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: `The template ${CUSTOM} was not deleted` });
  await expect(refusal).toContainText('web01-app');
  // The refusal says what to do, not only what is wrong.
  await expect(refusal).toContainText('Move, archive or delete');
  await app.screenshot('delete-template-refused');
  await expect(list.getByRole('row', { name: new RegExp(CUSTOM) })).toBeVisible();

  // Archiving it is refused too while the credential is live, and names it.
  await list.getByRole('button', { name: `Archive template ${CUSTOM}` }).click();
  await expect(page.getByRole('alert').filter({ hasText: `The template ${CUSTOM} was not archived` })).toContainText('web01-app');
  await expect(list.getByRole('row', { name: new RegExp(CUSTOM) })).toBeVisible();
});

test('an operator (no template.write, policy.write or vault.delete) sees the archived ones but is offered no Archive, Restore or Delete', async ({ app }) => {
  const { page, dataDir } = app;
  const operator = { username: 'olga', passphrase: 'olga operator passphrase' } as const;
  await createVaultThroughUi(page);
  await importCustomTemplate(dataDir);
  const templates = JSON.parse(await runCli(dataDir, ['template', 'list', '--json'])) as { id: number; name: string }[];
  const custom = templates.find((t) => t.name === CUSTOM);
  if (!custom) throw new Error(`${CUSTOM} was not imported`);
  await runCli(dataDir, ['template', 'archive', String(custom.id)]);
  await runCli(dataDir, ['user', 'add', operator.username, '--role', 'operator'], { newPassphrase: operator.passphrase });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await unlockThroughUi(page, operator);

  await openView(page, 'Templates');
  const list = page.getByRole('table', { name: 'Templates' });
  await expect(list.getByRole('row', { name: /Linux - Verify/ })).toBeVisible();
  await expect(list.getByRole('button', { name: /^(Archive|Delete) template/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Archived', exact: true }).click();
  const archived = page.getByRole('table', { name: 'Archived templates' });
  await expect(archived.getByRole('row', { name: new RegExp(CUSTOM) })).toBeVisible();
  await expect(archived.getByRole('button')).toHaveCount(0);
  await app.screenshot('archived-templates-operator');

  await openView(page, 'Policies');
  await expect(page.getByRole('button', { name: /^(Archive|Delete) policy/ })).toHaveCount(0);
});
