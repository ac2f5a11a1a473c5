import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import { addUser, listUsers } from '../../users/user-service';
import { requireSession } from './require-session';

export function userHandlers(sessions: VaultSessions): Pick<Handlers, 'user.list' | 'user.add'> {
  return {
    'user.list': () => listUsers(sessions),
    'user.add': (request, context) => addUser(sessions, requireSession(context), request.username, request.role, request.passphrase),
  };
}
