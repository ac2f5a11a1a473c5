import { expect, test } from './fixtures/app';
import { runCli, showCredential } from './fixtures/pam-world';
import { createVaultThroughUi } from './fixtures/vault-ui';

interface ShownTags {
  readonly id: number;
  readonly username: string;
  readonly tags: readonly string[];
  readonly ip: string;
  readonly notes: string | null;
}

async function seedCredential(dataDir: string): Promise<void> {
  await runCli(dataDir, ['device', 'upsert'], { stdin: JSON.stringify({ hostname: 'web01', ip: '10.0.0.5' }) });
  await runCli(dataDir, ['credential', 'upsert'], { stdin: JSON.stringify({ identifier: 'web01-root', username: 'root', hostname: 'web01', ip: '10.0.0.5', content: 'r00t-Secret-1', tags: 'prod,db', notes: 'first' }) });
}

test('New credential with an existing identifier is refused, the original is unchanged, and "Open that credential" opens it', async ({ app }) => {
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  await seedCredential(dataDir);
  const original = (await showCredential(dataDir, 'web01-root')) as unknown as ShownTags;

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Credentials', exact: true }).click();
  await page.getByRole('button', { name: 'New credential' }).click();
  const editor = page.getByRole('dialog', { name: 'New credential' });
  await editor.getByLabel('Identifier', { exact: true }).fill('web01-root');
  await editor.getByLabel('Username', { exact: true }).fill('someone-else');
  await editor.getByLabel('Device', { exact: true }).selectOption({ label: 'web01 (10.0.0.5)' });
  await editor.getByRole('button', { name: 'Save credential' }).click();
  await expect(editor.getByTestId('editor-error')).toContainText('already has this identifier');
  await app.screenshot('new-credential-refused');

  const after = (await showCredential(dataDir, 'web01-root')) as unknown as ShownTags;
  expect(after.username).toBe('root');
  expect(after.tags).toEqual(original.tags);

  await editor.getByRole('button', { name: /Open that credential/ }).click();
  const opened = page.getByRole('dialog', { name: 'Edit credential web01-root' });
  await expect(opened.getByLabel('Username', { exact: true })).toHaveValue('root');

  // An edit that replaces values shows them From -> To before saving.
  await opened.getByLabel('Tags', { exact: true }).fill('prod');
  await opened.getByRole('button', { name: 'Save credential' }).click();
  const preview = opened.getByRole('region', { name: 'Changes to save' });
  await expect(preview.getByRole('row', { name: /Tags/ })).toContainText('prod,db');
  await app.screenshot('credential-change-preview');
  await preview.getByRole('button', { name: 'Save these changes' }).click();
  await expect(opened).toBeHidden();
  expect(((await showCredential(dataDir, 'web01-root')) as unknown as ShownTags).tags).toEqual(['prod']);
});

test("a device's IP edited in place keeps its id and its credentials", async ({ app }) => {
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  await seedCredential(dataDir);
  const before = (await showCredential(dataDir, 'web01-root')) as unknown as ShownTags;

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Devices', exact: true }).click();
  await page.getByRole('button', { name: 'Edit web01 (10.0.0.5)' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit device web01' });
  await editor.getByLabel('IP', { exact: true }).fill('10.0.0.50');
  await editor.getByRole('button', { name: 'Save device' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole('button', { name: 'Edit web01 (10.0.0.50)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit web01 (10.0.0.5)' })).toHaveCount(0);
  await app.screenshot('device-edited-in-place');

  const devices = JSON.parse(await runCli(dataDir, ['device', 'list', '--json'])) as { id: number; hostname: string; ip: string }[];
  expect(devices.map((d) => `${d.hostname} ${d.ip}`)).toEqual(['web01 10.0.0.50']);
  const after = (await showCredential(dataDir, 'web01-root')) as unknown as ShownTags;
  expect(after.id).toBe(before.id);
  expect(after.ip).toBe('10.0.0.50');
});

test('archive then restore a credential: hidden from the grid, found under Archived, restored with its history', async ({ app }) => {
  const { page, dataDir } = app;
  await createVaultThroughUi(page);
  await seedCredential(dataDir);
  await runCli(dataDir, ['credential', 'upsert'], { stdin: JSON.stringify({ identifier: 'web01-root', username: 'root', hostname: 'web01', ip: '10.0.0.5', notes: 'second' }) });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Credentials', exact: true }).click();
  // The grid was loaded before the CLI added the credential: a search asks again.
  await page.getByLabel('Search credentials').fill('web01');
  await page.getByRole('button', { name: 'Open web01-root' }).click();
  await page.getByRole('dialog', { name: /web01-root/ }).getByRole('button', { name: 'Edit', exact: true }).click();
  const editor = page.getByRole('dialog', { name: 'Edit credential web01-root' });
  await editor.getByRole('button', { name: 'Archive credential web01-root' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole('button', { name: 'Open web01-root' })).toHaveCount(0);
  await expect(page.getByTestId('grid-status')).toContainText('0 credentials');

  await page.getByRole('button', { name: 'Archived', exact: true }).click();
  const archived = page.getByRole('dialog', { name: 'Archived credentials' });
  await expect(archived.getByRole('row', { name: /web01-root/ })).toBeVisible();
  await app.screenshot('archived-credentials');
  await archived.getByRole('button', { name: 'Restore credential web01-root' }).click();
  await expect(archived).toContainText('No archived credentials');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Open web01-root' })).toBeVisible();

  const restored = (await showCredential(dataDir, 'web01-root')) as unknown as ShownTags;
  expect(restored.notes).toBe('second');
  const audit = await runCli(dataDir, ['audit', 'export', '--format', 'json']);
  const actions = (JSON.parse(audit) as { action: string; objectId?: string | null; object_id?: string | null }[]).map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['credential.create', 'credential.update', 'credential.archive', 'credential.restore']));
});
