import type { DeviceInput } from '../../../shared/domain/device-input';
import { registerDomain } from '../../../main/domains/register-domain';
import { upsertDevice } from '../../../main/devices/upsert-device';
import type { TestVault } from './test-db';

/** The seed's example device. */
export const W2016 = { hostname: 'w2016', ip: '10.66.33.15' } as const;

export async function seedDevice(vault: TestVault, input: DeviceInput = W2016): Promise<number> {
  const { after } = await upsertDevice(vault.db, input);
  return after.id;
}

export async function seedDomains(vault: TestVault, ...names: string[]): Promise<void> {
  for (const name of names) await registerDomain(vault.db, { name });
}

/** A template row as the template service stores it (the body does not matter to the upsert's checks). */
export async function seedTemplate(
  vault: TestVault,
  name: string,
  options: { readonly operation_type?: 'change_password' | 'verify' | 'reconcile' | 'ssh_key_rotation'; readonly active?: boolean } = {},
): Promise<number> {
  const row = await vault.db
    .insertInto('templates')
    .values({ name, executor: 'ssh', operation_type: options.operation_type ?? 'change_password', active: options.active === false ? 0 : 1, current_version: 1, created_at: 'x', updated_at: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
