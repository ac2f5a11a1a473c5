import type { Locator, Page } from '@playwright/test';
import { startLinuxTarget, type LinuxTarget } from '../test/support/targets/linux-sshd';
import { tryPasswordLogin } from '../test/support/targets/try-password-login';
import { expect, test } from './fixtures/app';
import { LINUX_DEVICE, runCli, showCredential, type VaultUser } from './fixtures/pam-world';
import { createVaultThroughUi, unlockThroughUi } from './fixtures/vault-ui';

const OPERATOR: VaultUser = { username: 'olga', passphrase: 'e2e operator passphrase' };
const APPROVER: VaultUser = { username: 'arne', passphrase: 'e2e approver passphrase' };
const ROOT_PASSWORD = 'Root-e2e-reconcile-pw!';
const CORA = { username: 'cora', password: 'Cora-real-pass-1!' } as const;
const LOST = 'Cora-lost-pass-0!';

let target: LinuxTarget | undefined;
test.afterEach(async () => {
  await target?.stop();
  target = undefined;
});

/** A real sshd registered (host key trusted) with a root credential able to reconcile others. */
async function reconcilableWorld(dataDir: string, accounts: { username: string; password: string }[]): Promise<LinuxTarget> {
  const started = await startLinuxTarget({ accounts, rootPassword: ROOT_PASSWORD });
  target = started;
  await runCli(dataDir, ['device', 'upsert'], { stdin: JSON.stringify({ hostname: LINUX_DEVICE, ip: started.host, connectivities: `SSH:${started.port}` }) });
  await runCli(dataDir, ['device', 'trust', LINUX_DEVICE, '--fingerprint', started.hostKeyFingerprint]);
  await addCredential(dataDir, started, 'root', ROOT_PASSWORD, {}, false);
  return started;
}

async function addCredential(dataDir: string, on: LinuxTarget, username: string, secret: string, extra: Record<string, unknown> = {}, reconcilable = true): Promise<void> {
  const reconciliation = reconcilable ? { reconciliation_credential: 'target-root', reconciliation_plugin: 'SSH', reconciliation_template: 'Linux - Reconcile password as root' } : {};
  await runCli(dataDir, ['credential', 'upsert'], {
    stdin: JSON.stringify({
      identifier: `target-${username}`,
      username,
      hostname: LINUX_DEVICE,
      ip: on.host,
      content: secret,
      execution_settings: {
        automatic_change: true,
        change_plugin: 'SSH',
        change_template: 'Linux - Change own password',
        use_own_credential_to_connect: true,
        ...reconciliation,
      },
      ...extra,
    }),
  });
}

async function addUser(dataDir: string, user: VaultUser, role: string): Promise<void> {
  await runCli(dataDir, ['user', 'add', user.username, '--role', role], { newPassphrase: user.passphrase });
}

async function switchUser(page: Page, user: VaultUser): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await unlockThroughUi(page, user);
}

/** Waits for an operation's row to reach a state, live (the list follows the runner's events). */
async function rowReaches(table: Locator, code: string, state: string): Promise<Locator> {
  const row = table.getByRole('row', { name: new RegExp(code) });
  await expect.poll(async () => row.getAttribute('data-state'), { timeout: 90_000, intervals: [250] }).toBe(state);
  return row;
}

async function requestFromGrid(page: Page, action: 'Verify' | 'Reconcile', identifier: string): Promise<string> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Credentials', exact: true }).click();
  await page.getByRole('grid', { name: 'Credentials' }).getByRole('button', { name: `${action} ${identifier}` }).click();
  const status = page.getByTestId('grid-status');
  await expect(status).toContainText(new RegExp(`${action === 'Verify' ? 'Verification' : 'Reconciliation'} OP-\\d{6,} requested for ${identifier}`));
  return /OP-\d{6,}/.exec((await status.textContent()) ?? '')?.[0] ?? '';
}

/** The element lies entirely inside the viewport: seen without scrolling in either direction. */
async function expectWithinViewport(page: Page, element: Locator): Promise<void> {
  const box = await element.boundingBox();
  const viewport = page.viewportSize();
  expect(box).not.toBeNull();
  expect(viewport).not.toBeNull();
  if (!box || !viewport) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

test('verify and reconcile from the grid: NotInSync found, reconciled through root, verified InSync; the list fits 1366x768', async ({ app }) => {
  test.setTimeout(240_000);
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  await addUser(dataDir, OPERATOR, 'operator');
  const on = await reconcilableWorld(dataDir, [CORA]);
  // The vault's secret for cora is not the one the target holds.
  await addCredential(dataDir, on, CORA.username, LOST);
  await switchUser(page, OPERATOR);
  const operations = page.getByRole('table', { name: 'Operations' });
  const nav = page.getByRole('navigation', { name: 'Main' });

  // Verify: a fresh login with the vault secret, refused -> Error, NotInSync.
  const firstVerify = await requestFromGrid(page, 'Verify', 'target-cora');
  await nav.getByRole('button', { name: 'Operations', exact: true }).click();
  const refused = await rowReaches(operations, firstVerify, 'Error');
  await expect(refused).toContainText('NotInSync');
  expect((await showCredential(dataDir, 'target-cora')).in_sync).toBe('NotInSync');

  // Reconcile from the grid: root sets a fresh secret; the vault adopts it.
  const reconcile = await requestFromGrid(page, 'Reconcile', 'target-cora');
  await nav.getByRole('button', { name: 'Operations', exact: true }).click();
  const reconciled = await rowReaches(operations, reconcile, 'Success');
  await expect(reconciled).toContainText('Reconcil');
  const secret = (await showCredential(dataDir, 'target-cora', true)).secret ?? '';
  expect(secret).not.toBe(LOST);
  expect(await tryPasswordLogin(on, CORA.username, secret)).toBe('accepted');
  expect(await tryPasswordLogin(on, CORA.username, CORA.password)).toBe('rejected');

  // Verify again, this time from the operations list's row actions: InSync.
  await reconciled.getByRole('button', { name: `Verify target-cora, credential of ${reconcile}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Verification' })).toContainText(/Verification OP-\d{6,} requested for target-cora/);
  const secondVerify = /OP-\d{6,}/.exec((await page.getByRole('status').filter({ hasText: 'Verification' }).textContent()) ?? '')?.[0] ?? '';
  await rowReaches(operations, secondVerify, 'Success');
  expect((await showCredential(dataDir, 'target-cora')).in_sync).toBe('InSync');

  // A reconcile of a credential without reconciliation settings is refused with the reason.
  await nav.getByRole('button', { name: 'Credentials', exact: true }).click();
  await page.getByRole('grid', { name: 'Credentials' }).getByRole('button', { name: 'Reconcile target-root' }).click();
  await expect(page.getByTestId('grid-status')).toContainText('target-root has no reconciliation credential and no reconciliation template configured');
  await app.screenshot('credentials-grid-verify-reconcile');

  // The credential's details dialog offers the same requests.
  await page.getByRole('grid', { name: 'Credentials' }).getByRole('button', { name: 'Open target-cora' }).click();
  const details = page.getByRole('dialog', { name: 'Credential target-cora' });
  await details.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(details.getByRole('status').filter({ hasText: 'Verification' })).toContainText(/Verification OP-\d{6,} requested for target-cora/);
  const fromDetails = /OP-\d{6,}/.exec((await details.getByRole('status').filter({ hasText: 'Verification' }).textContent()) ?? '')?.[0] ?? '';
  await expect(details.getByRole('table', { name: 'Operation history' }).getByRole('row', { name: new RegExp(fromDetails) })).toContainText('Success', { timeout: 60_000 });
  await page.keyboard.press('Escape');

  // At 1366x768 the operations list shows state, message and actions without scrolling.
  await page.setViewportSize({ width: 1366, height: 768 });
  await nav.getByRole('button', { name: 'Operations', exact: true }).click();
  const errorRow = operations.getByRole('row', { name: new RegExp(firstVerify) });
  await errorRow.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, 0));
  const first = operations.getByRole('row').nth(1);
  await expectWithinViewport(page, first.locator('.cell-state'));
  await expectWithinViewport(page, first.locator('.cell-message'));
  await expectWithinViewport(page, first.locator('.cell-actions'));
  const scroller = page.locator('.operations-view .table-scroller');
  expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  // The long message is cut in the cell and whole on hover (title) and in Details.
  const message = errorRow.locator('.cell-message');
  await expect(message).toHaveAttribute('title', 'The target refused the vault secret: NotInSync. Reset the credential or reconcile it.');
  await app.screenshot('operations-1366x768');
  await errorRow.getByRole('button', { name: `Details of ${firstVerify}` }).click();
  await expect(page.getByRole('dialog', { name: `Operation ${firstVerify}` })).toContainText('Reset the credential or reconcile it.');
  await page.keyboard.press('Escape');

  // Edit Credential opens the editor of the credential the operation used.
  await errorRow.getByRole('button', { name: `Edit credential of ${firstVerify}` }).click();
  const editor = page.getByRole('dialog', { name: /target-cora/ });
  await expect(editor.getByLabel('Identifier', { exact: true })).toHaveValue('target-cora');
  await app.screenshot('operations-edit-credential');
});

test('operation approval: an operator requests a change of a highly critical credential, an approver approves it in Approvals, the runner changes it', async ({ app }) => {
  test.setTimeout(240_000);
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  await addUser(dataDir, OPERATOR, 'operator');
  await addUser(dataDir, APPROVER, 'approver');
  const on = await reconcilableWorld(dataDir, [CORA]);
  await addCredential(dataDir, on, CORA.username, CORA.password, { additional_settings: { criticality: 'high' } });
  const requested = JSON.parse(await runCli(dataDir, ['rotate', 'target-cora', '--json'], { as: OPERATOR })) as { scheduled: { code: string }[] };
  const code = requested.scheduled[0]?.code ?? '';
  expect(code).toMatch(/^OP-\d{6,}$/);

  await switchUser(page, APPROVER);
  const nav = page.getByRole('navigation', { name: 'Main' });
  // The badge counts operations awaiting approval too.
  await expect(nav.getByTestId('approvals-badge')).toHaveText('1');
  await nav.getByRole('button', { name: /^Approvals/ }).click();
  const pending = page.getByRole('table', { name: 'Operations awaiting approval' });
  const row = pending.getByRole('row', { name: new RegExp(code) });
  await expect(row).toContainText('target-cora');
  await expect(row).toContainText('High');
  await expect(row).toContainText(OPERATOR.username);
  await expect(row).toContainText('manual');
  await app.screenshot('approvals-view');
  await row.getByRole('button', { name: `Decide ${code}` }).click();
  const decide = page.getByRole('dialog', { name: `Operation ${code} awaiting approval` });
  await decide.getByRole('button', { name: 'Approve' }).click();
  await expect(decide.getByRole('alert')).toContainText('a justification is required');
  await decide.getByLabel('Justification').fill('Planned rotation of a critical account (e2e).');
  await app.screenshot('approvals-operation');
  await decide.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status').filter({ hasText: code })).toContainText(`${code} approved: it runs now.`);
  await expect(page.getByText('No operation is awaiting approval.')).toBeVisible();
  await expect(nav.getByTestId('approvals-badge')).toBeHidden();

  // Keys per role: the approver's slot holds no secrets key, so the change runs once the operator,
  // who may use secrets, is signed in here. Then: Success, the new secret logs in.
  await switchUser(page, OPERATOR);
  await nav.getByRole('button', { name: 'Operations', exact: true }).click();
  const done = await rowReaches(page.getByRole('table', { name: 'Operations' }), code, 'Success');
  await expect(done).toContainText(`by ${OPERATOR.username}`);
  const secret = (await showCredential(dataDir, 'target-cora', true)).secret ?? '';
  expect(secret).not.toBe(CORA.password);
  expect(await tryPasswordLogin(on, CORA.username, secret)).toBe('accepted');
});
