import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';

type SessionChannels =
  | 'vault.create'
  | 'session.current'
  | 'session.unlock'
  | 'session.unlockWithDevice'
  | 'session.lock'
  | 'session.signOut'
  | 'session.touch'
  | 'session.idleStatus'
  | 'session.forgetDevice'
  | 'session.changePassphrase';

export function sessionHandlers(sessions: VaultSessions): Pick<Handlers, SessionChannels> {
  return {
    'vault.create': (request, { sender }) => sessions.create(sender, request.username, request.passphrase),
    'session.current': (_request, { session }) => (session ? sessions.describe(session) : null),
    'session.unlock': (request, { sender }) => sessions.unlock(sender, request.username, request.passphrase, request.remember),
    'session.unlockWithDevice': (request, { sender }) => sessions.unlockWithDevice(sender, request.username),
    'session.lock': async (_request, { sender }) => {
      await sessions.lockSession(sender);
      return null;
    },
    'session.signOut': async (_request, { sender }) => {
      await sessions.signOut(sender);
      return null;
    },
    'session.touch': (_request, { sender }) => {
      sessions.touch(sender);
      return null;
    },
    'session.idleStatus': (_request, { sender }) => sessions.idleStatus(sender),
    'session.forgetDevice': async (_request, { session }) => {
      if (session) await sessions.forgetDevice(session);
      return null;
    },
    'session.changePassphrase': async (request, { session }) => {
      if (session) await sessions.changePassphrase(session, request.current, request.next);
      return null;
    },
  };
}
