import type { Role } from '../../shared/roles';

/** A signed-in user, bound to the sender (window, socket or CLI process) that signed in. */
export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
}
