import { z } from 'zod';
import { ARCHIVABLE_KINDS, type ArchivableKind, type DependencySummary } from '../domain/archive';
import type { CredentialApiResponse } from '../domain/credential-api-response';
import { deviceInputSchema } from '../domain/device-input';
import type { DeviceView } from '../domain/device-view';
import type { Permission } from '../roles';
import { channel, typed, type ChannelSpec } from './channel-spec';

const idSchema = z.object({ id: z.number().int().positive() }).strict();

export interface DeviceMergeView {
  readonly kept: DeviceView;
  readonly merged: DeviceView;
  readonly movedCredentials: readonly { readonly id: number; readonly identifier: string }[];
}

/** Who may archive and restore each kind: whoever may edit it. Deleting is administrators' (vault.delete). */
const WRITE_PERMISSION = {
  credential: 'credential.write',
  device: 'device.write',
  template: 'template.write',
  policy: 'policy.write',
} as const satisfies Record<ArchivableKind, Permission>;

type IdChannel = ChannelSpec<typeof idSchema, z.ZodType<DependencySummary>>;
type LifecycleChannels = { readonly [K in `${ArchivableKind}.${'archive' | 'restore' | 'delete' | 'dependents'}`]: IdChannel };

/** credential|device|template|policy . archive|restore|delete|dependents, all taking { id } and answering what depends on it. */
function lifecycleChannels(): LifecycleChannels {
  const entries = ARCHIVABLE_KINDS.flatMap((kind) => [
    [`${kind}.archive`, channel({ request: idSchema, response: typed<DependencySummary>(), requires: WRITE_PERMISSION[kind] })],
    [`${kind}.restore`, channel({ request: idSchema, response: typed<DependencySummary>(), requires: WRITE_PERMISSION[kind] })],
    [`${kind}.delete`, channel({ request: idSchema, response: typed<DependencySummary>(), requires: 'vault.delete' })],
    [`${kind}.dependents`, channel({ request: idSchema, response: typed<DependencySummary>(), requires: 'vault.read' })],
  ]);
  return Object.fromEntries(entries) as LifecycleChannels;
}

export const recordChannels = {
  ...lifecycleChannels(),
  // The editor's New credential: seed 004's body, but never an update (9010, 9011 name the existing one).
  'credential.create': channel({ request: z.record(z.string(), z.unknown()), response: typed<CredentialApiResponse>(), requires: 'credential.write' }),
  // Edits a device in place by id; hostname and IP may change, the id and credentials stay.
  'device.update': channel({ request: deviceInputSchema.extend({ id: z.number().int().positive() }).strict(), response: typed<DeviceView>(), requires: 'device.write' }),
  'device.merge': channel({
    request: z.object({ keepId: z.number().int().positive(), mergeId: z.number().int().positive() }).strict().refine((r) => r.keepId !== r.mergeId, 'Choose two different devices to merge.'),
    response: typed<DeviceMergeView>(),
    requires: 'device.write',
  }),
} as const;
