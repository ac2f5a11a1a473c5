import { ARCHIVABLE_KINDS, type ArchivableKind } from '../../../shared/domain/archive';
import { AppFailure } from '../../../shared/errors';
import { createCredential } from '../../credentials/create-credential';
import { mergeDevices } from '../../devices/merge-devices';
import { updateDevice } from '../../devices/update-device';
import type { CallContext, Handlers } from '../../ipc/handlers';
import { archiveObject, restoreObject, type LifecycleActor } from '../../lifecycle/archive-object';
import { deleteObject } from '../../lifecycle/delete-object';
import { dependentsOf } from '../../lifecycle/object-dependents';
import type { VaultSessions } from '../../session/vault-sessions';
import { translatingRuleErrors } from './api-rule-failure';
import { requireSession } from './require-session';

type LifecycleChannel = `${ArchivableKind}.${'archive' | 'restore' | 'delete' | 'dependents'}`;
type RecordChannels = LifecycleChannel | 'credential.create' | 'device.update' | 'device.merge';

/** Archive, restore, delete and dependents for each kind, New credential (create only), device edit and merge. */
export function recordHandlers(sessions: VaultSessions, now: () => Date): Pick<Handlers, RecordChannels> {
  const db = () => sessions.vault().database.db;
  const actor = (context: CallContext): LifecycleActor => ({ username: requireSession(context).username, shell: context.shell, now: now() });

  const lifecycle = Object.fromEntries(
    ARCHIVABLE_KINDS.flatMap((kind) => [
      [`${kind}.archive`, (request: { id: number }, context: CallContext) => archiveObject(db(), kind, request.id, actor(context))],
      [`${kind}.restore`, (request: { id: number }, context: CallContext) => restoreObject(db(), kind, request.id, actor(context))],
      [`${kind}.delete`, (request: { id: number }, context: CallContext) => deleteObject(db(), kind, request.id, actor(context))],
      [`${kind}.dependents`, (request: { id: number }) => dependentsOf(db(), kind, request.id)],
    ]),
  ) as Pick<Handlers, LifecycleChannel>;

  return {
    ...lifecycle,
    'credential.create': async (request, context) => {
      const by = actor(context);
      const vault = sessions.vault();
      const result = await createCredential({ db: vault.database.db, cipher: vault.fields, clock: now }, request, by);
      if (!result.ok) {
        const { message, detail } = result.response.response;
        throw new AppFailure('VALIDATION', detail === '' ? message : `${message}: ${detail}`, { seedCode: result.code, response: result.response });
      }
      return result.response;
    },
    'device.update': async ({ id, ...input }, context) => translatingRuleErrors(() => updateDevice(db(), id, input, actor(context))),
    'device.merge': (request, context) => mergeDevices(db(), request.keepId, request.mergeId, actor(context)),
  };
}
