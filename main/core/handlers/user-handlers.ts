import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import { addUser, listUsers, removeUser, rotateKeysOnRequest, setUserDisabled, setUserRole } from '../../users/user-service';
import { requireSession } from './require-session';

type UserChannel = 'user.list' | 'user.add' | 'user.setRole' | 'user.disable' | 'user.enable' | 'user.remove' | 'vault.rotateKeys';

export function userHandlers(sessions: VaultSessions): Pick<Handlers, UserChannel> {
  return {
    'user.list': () => listUsers(sessions),
    'user.add': (request, context) => addUser(sessions, requireSession(context), request.username, request.role, request.passphrase),
    'user.setRole': (request, context) => setUserRole(sessions, requireSession(context), request.userId, request.role),
    'user.disable': (request, context) => setUserDisabled(sessions, requireSession(context), request.userId, true),
    'user.enable': (request, context) => setUserDisabled(sessions, requireSession(context), request.userId, false),
    'user.remove': (request, context) => removeUser(sessions, requireSession(context), request.userId),
    'vault.rotateKeys': (_request, context) => rotateKeysOnRequest(sessions, requireSession(context)),
  };
}
