import type { AppError } from '../../shared/errors';
import { roleHasPermission, type Requirement } from '../../shared/roles';
import type { Session } from './session';

/**
 * Whether a session meets a requirement, and the user's words when it does not: the router checks
 * every channel with it, and work that runs outside a channel (the CLI's runner) checks with it too.
 */
export function requirementRefusal(requires: Requirement, session: Pick<Session, 'role'> | undefined): AppError | undefined {
  if (requires === 'public') return undefined;
  if (!session) {
    return { code: 'UNAUTHENTICATED', message: 'Sign in to the vault first: this action needs an unlocked session.' };
  }
  if (requires === 'session' || roleHasPermission(session.role, requires)) return undefined;
  return {
    code: 'FORBIDDEN',
    message: `Your role (${session.role}) does not allow this action (${requires}). Ask an administrator if you need it.`,
    details: { permission: requires },
  };
}
