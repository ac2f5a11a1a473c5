import { expect, test } from './fixtures/app';

test('the host token leaves the address bar, survives a reload in the tab, and no cookie carries it', async ({ app }) => {
  // Runs in the host project (CI included); the desktop app has no URL token to test.
  test.skip(app.shell !== 'host', 'the host token exists only for `pamdesk serve`');
  const { page } = app;
  await expect(page.getByTestId('status-shell')).toHaveText('Shell: host');
  expect(page.url()).not.toContain('token');
  expect(await page.context().cookies()).toEqual([]);
  await page.reload();
  await expect(page.getByTestId('status-shell')).toHaveText('Shell: host');
  expect(page.url()).not.toContain('token');
});
