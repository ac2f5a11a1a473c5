import { startSlapd, type SlapdTarget } from '../test/support/targets/slapd';
import { expect, test } from './fixtures/app';
import { createVaultThroughUi } from './fixtures/vault-ui';

let slapd: SlapdTarget | undefined;

test.afterEach(async () => {
  await slapd?.stop();
  slapd = undefined;
});

test('devices: check the LDAPS certificate of a real slapd, compare it, trust it, see it pinned', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  slapd = await startSlapd({ accounts: [{ cn: 'lena', password: 'lena-initial-1' }] });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await createVaultThroughUi(page);

  await nav.getByRole('button', { name: 'Devices', exact: true }).click();
  await page.getByRole('button', { name: 'New device' }).click();
  const deviceDialog = page.getByRole('dialog', { name: 'New device' });
  await deviceDialog.getByLabel('Hostname').fill('ldap-target');
  await deviceDialog.getByLabel('IP', { exact: true }).fill(slapd.host);
  await deviceDialog.getByLabel('Connectivities').fill(`LDAPS:${slapd.ldapsPort}`);
  await deviceDialog.getByRole('button', { name: 'Save device' }).click();
  await expect(deviceDialog).toBeHidden();

  // The certificate: read without binding, shown next to "None pinned", equal to the one openssl made.
  await page.getByRole('button', { name: `Certificate of ldap-target (${slapd.host})` }).click();
  const dialog = page.getByRole('dialog', { name: 'Certificate of ldap-target' });
  await expect(dialog.getByTestId('pinned-fingerprint')).toHaveText('None pinned');
  await dialog.getByRole('button', { name: 'Check certificate' }).click();
  await expect(dialog.getByTestId('presented-fingerprint')).toHaveText(slapd.fingerprint);
  await expect(dialog.getByTestId('presented-key-type')).toHaveText('TLS certificate');
  await expect(dialog.getByTestId('host-key-verdict')).toContainText('No certificate is pinned yet');

  await dialog.getByRole('button', { name: 'Trust this certificate' }).click();
  await dialog.getByRole('button', { name: 'Yes, trust this certificate' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'pinned for ldap-target' })).toContainText(slapd.fingerprint);
  const row = page.getByRole('table', { name: 'Devices' }).getByRole('row', { name: /ldap-target/ });
  await expect(row).toContainText('LDAP certificate pinned');
  await expect(row).not.toContainText('SSH key pinned');

  // Checked again: the pin is the presented certificate, and there is nothing left to trust.
  await page.getByRole('button', { name: `Certificate of ldap-target (${slapd.host})` }).click();
  await expect(dialog.getByTestId('pinned-fingerprint')).toHaveText(slapd.fingerprint);
  await dialog.getByRole('button', { name: 'Check certificate' }).click();
  await expect(dialog.getByTestId('host-key-verdict')).toHaveText('Matches the pinned certificate.');
  await expect(dialog.getByRole('button', { name: 'Trust this certificate' })).toHaveCount(0);
});
