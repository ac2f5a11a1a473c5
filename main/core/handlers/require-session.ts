import { AppFailure } from '../../../shared/errors';
import type { CallContext } from '../../ipc/handlers';
import type { Session } from '../../ipc/session';

/** For handlers of channels that require a session: the router has checked it, this narrows it. */
export function requireSession(context: CallContext): Session {
  if (!context.session) throw new AppFailure('UNAUTHENTICATED', 'Sign in to the vault first: this action needs an unlocked session.');
  return context.session;
}
