import type { Locator, Page } from '@playwright/test';
import { tryPasswordLogin } from '../test/support/targets/try-password-login';
import { expect, test } from './fixtures/app';
import { addTargetCredential, runCli, showCredential, startTargetDevice, waitForInSync } from './fixtures/pam-world';
import { ADMIN, createVaultThroughUi, unlockThroughUi } from './fixtures/vault-ui';

const ACCOUNTS = [
  { username: 'alice', password: 'Alice-initial-1!' },
  { username: 'bob', password: 'Bob-initial-1!' },
  { username: 'carol', password: 'Carol-real-1!' },
  { username: 'dave', password: 'Dave-real-1!' },
];

/** The grid was loaded before the CLI added credentials: reload it (signing in again if asked). */
async function reloadCredentials(page: Page): Promise<void> {
  await page.reload();
  const unlock = page.getByRole('form', { name: 'Unlock vault' });
  const grid = page.getByRole('grid', { name: 'Credentials' });
  await expect(unlock.or(grid)).toBeVisible();
  if (await unlock.isVisible()) await unlockThroughUi(page, ADMIN);
  await expect(grid.getByRole('row', { name: /target-dave/ })).toBeVisible();
}

async function openReset(page: Page, username: string): Promise<Locator> {
  await page.getByRole('button', { name: `Reset credential target-${username}` }).click();
  const dialog = page.getByRole('dialog', { name: `Reset credential for ${username}@linux-target` });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function expectFollowedTo(dialog: Locator, state: string): Promise<void> {
  await expect(dialog.getByTestId('operation-state')).toHaveAttribute('data-state', state, { timeout: 90_000 });
}

test('reset credential: typed and generated on the target, vault-only on NotInSync and InSync credentials', async ({ app }) => {
  test.setTimeout(300_000);
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  const target = await startTargetDevice(dataDir, ACCOUNTS);
  try {
    for (const account of ACCOUNTS) {
      // carol's vault secret is wrong on purpose: her verify finds her NotInSync.
      await addTargetCredential(dataDir, target, account.username, account.username === 'carol' ? 'Carol-wrong-1!' : account.password);
    }
    await runCli(dataDir, ['verify', 'target-carol', 'target-dave']);
    await waitForInSync(dataDir, 'target-carol', 'NotInSync');
    await waitForInSync(dataDir, 'target-dave', 'InSync');
    await reloadCredentials(page);

    // 1. Typed, on the target: the dialog follows the change to Success; the password logs in.
    const typed = 'Alice-typed-2024!';
    let dialog = await openReset(page, 'alice');
    await expect(dialog.getByLabel('Credential type')).toHaveValue('password');
    await expect(dialog.getByLabel('Change on target')).toBeChecked();
    await dialog.getByLabel('New password').fill(typed);
    await dialog.getByRole('button', { name: 'Show password' }).click();
    await expect(dialog.getByLabel('New password')).toHaveAttribute('type', 'text');
    await dialog.getByRole('button', { name: 'Hide password' }).click();
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByTestId('followed-operation')).toContainText('The change on the target');
    await expectFollowedTo(dialog, 'Success');
    await app.screenshot('reset-typed-on-target');
    expect(await tryPasswordLogin(target, 'alice', typed)).toBe('accepted');
    expect(await tryPasswordLogin(target, 'alice', 'Alice-initial-1!')).toBe('rejected');
    await dialog.getByRole('button', { name: 'Done' }).click();

    // 2. Generate and Save, on the target, from the details dialog: the renderer never sees the secret.
    await page.getByRole('button', { name: 'Open target-bob' }).click();
    await page.getByRole('dialog', { name: 'Credential target-bob' }).getByRole('button', { name: 'Reset credential' }).click();
    dialog = page.getByRole('dialog', { name: 'Reset credential for bob@linux-target' });
    await dialog.getByRole('button', { name: 'Generate and Save' }).click();
    await expectFollowedTo(dialog, 'Success');
    const bob = await showCredential(dataDir, 'target-bob', true);
    expect(bob.secret).toBeTruthy();
    await expect(page.getByText(bob.secret ?? '')).toHaveCount(0);
    expect(await tryPasswordLogin(target, 'bob', bob.secret ?? '')).toBe('accepted');
    expect(await tryPasswordLogin(target, 'bob', 'Bob-initial-1!')).toBe('rejected');
    await app.screenshot('reset-generated-on-target');
    await dialog.getByRole('button', { name: 'Done' }).click();

    // 3. Vault only, on a NotInSync credential whose real password we know: the verify makes it InSync.
    dialog = await openReset(page, 'carol');
    await dialog.getByLabel('Change on target').uncheck();
    await dialog.getByLabel('New password').fill('Carol-real-1!');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog).toContainText('saved in the vault only');
    await expect(dialog.getByTestId('followed-operation')).toContainText('A verify was scheduled');
    await expectFollowedTo(dialog, 'Success');
    await expect(dialog.getByTestId('reset-in-sync')).toContainText('InSync');
    expect((await showCredential(dataDir, 'target-carol')).in_sync).toBe('InSync');
    await app.screenshot('reset-vault-only-verified');
    await dialog.getByRole('button', { name: 'Done' }).click();

    // 4. Vault only on an InSync credential: PassMan's warning first, then the confirmed reset.
    dialog = await openReset(page, 'dave');
    // ssh-dss is listed but explained and refused.
    await dialog.getByLabel('Credential type').selectOption('ssh_key');
    await expect(dialog.getByLabel('Key type').locator('option')).toHaveText(['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ssh-rsa', 'ssh-dss (DSA, not supported)']);
    await dialog.getByLabel('Key type').selectOption('ssh-dss');
    await expect(dialog).toContainText('OpenSSH removed DSA support');
    await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    await expect(dialog.getByRole('button', { name: 'Generate and Save' })).toBeDisabled();
    await dialog.getByLabel('Credential type').selectOption('password');
    await dialog.getByLabel('Change on target').uncheck();
    await dialog.getByLabel('New password').fill('Dave-real-1!');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    const warning = dialog.getByTestId('insync-warning');
    await expect(warning).toContainText('is InSync');
    await expect(warning).toContainText('lose');
    await app.screenshot('reset-insync-warning');
    await dialog.getByRole('button', { name: 'Change the vault only' }).click();
    await expect(dialog.getByTestId('followed-operation')).toContainText('A verify was scheduled');
    await expectFollowedTo(dialog, 'Success');
    await expect(dialog.getByTestId('reset-in-sync')).toContainText('InSync');
    await dialog.getByRole('button', { name: 'Done' }).click();
  } finally {
    await target.stop();
  }
});

test('a highly critical credential: the reset on target waits for approval; lowering its criticality in the editor or through the CLI upsert is sent for approval', async ({ app }) => {
  test.setTimeout(180_000);
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  const erin = { username: 'erin', password: 'Erin-initial-1!' };
  const target = await startTargetDevice(dataDir, [erin, { username: 'dave', password: 'Dave-real-1!' }]);
  try {
    await addTargetCredential(dataDir, target, erin.username, erin.password, { additional_settings: { criticality: 'high' } });
    await addTargetCredential(dataDir, target, 'dave', 'Dave-real-1!');
    await reloadCredentials(page);
    const dialog = await openReset(page, 'erin');
    await dialog.getByLabel('New password').fill('Erin-typed-2024!');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expectFollowedTo(dialog, 'AwaitingApproval');
    await expect(dialog.getByTestId('awaiting-approval')).toHaveText('The change is waiting for approval: an approver must accept it in Approvals before it runs.');
    await app.screenshot('reset-awaiting-approval');
    expect(await tryPasswordLogin(target, 'erin', erin.password)).toBe('accepted');
    await dialog.getByRole('button', { name: 'Done' }).click();

    // The editor: lowering the criticality is sent for approval, and the editor says so.
    await page.getByRole('button', { name: 'Open target-erin' }).click();
    await page.getByRole('dialog', { name: 'Credential target-erin' }).getByRole('button', { name: 'Edit', exact: true }).click();
    const editor = page.getByRole('dialog', { name: 'Edit credential target-erin' });
    await editor.getByRole('tab', { name: 'Additional' }).click();
    await editor.getByLabel('Criticality').selectOption('low');
    await editor.getByRole('button', { name: 'Save credential' }).click();
    await expect(editor).toBeHidden();
    await expect(page.getByTestId('grid-status')).toContainText('target-erin is highly critical, so the change of criticality was sent for approval; an approver must accept it in Approvals. The other fields were saved. (request BULK-000001)');
    await app.screenshot('editor-sent-for-approval');

    // Seed 004's body through the CLI: the same, answered 9007.
    const out = await runCli(dataDir, ['credential', 'upsert'], { stdin: JSON.stringify({ identifier: 'target-erin', username: 'erin', hostname: 'linux-target', ip: target.host, additional_settings: { criticality: 'low' } }) });
    expect(JSON.parse(out)).toMatchObject({ code: 202, response: { error_code: 9007, message: '9007: Change sent for approval' }, approvalRequest: 'BULK-000002' });
    const shown = (await showCredential(dataDir, 'target-erin')) as unknown as { additional_settings: { criticality: string } };
    expect(shown.additional_settings.criticality).toBe('high');
  } finally {
    await target.stop();
  }
});
