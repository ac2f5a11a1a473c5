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
