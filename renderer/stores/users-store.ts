import { create } from 'zustand';
import type { z } from 'zod';
import type { userViewSchema } from '../../shared/contract/user-channels';
import type { Role } from '../../shared/roles';
import { api } from '../api/api';
import { resetOnLock } from './reset-on-lock';

export type UserRow = z.output<typeof userViewSchema>;

/** One change's outcome: undefined when it worked, else the message to show (the core's own words). */
export type ChangeResult = string | undefined;

interface UsersState {
  readonly users: readonly UserRow[] | undefined;
  readonly error: string | undefined;
  /** True while a change that rotates the vault's keys (remove, demotion) is running. */
  readonly rotating: boolean;
  load(): Promise<void>;
  add(username: string, role: Role, passphrase: string): Promise<ChangeResult>;
  setRole(userId: string, role: Role, rotates: boolean): Promise<ChangeResult>;
  setDisabled(userId: string, disabled: boolean): Promise<ChangeResult>;
  remove(userId: string): Promise<ChangeResult>;
  reset(): void;
}

/** Bumped by a lock, so an answer that arrives after it is not kept. */
let epoch = 0;

/** The vault's users (administrators only): a short list, reloaded after each change. */
export const useUsers = create<UsersState>((set, get) => {
  async function change(work: () => ReturnType<ReturnType<typeof api>['call']>, rotates = false): Promise<ChangeResult> {
    if (rotates) set({ rotating: true });
    try {
      const result = await work();
      if (!result.ok) return result.error.message;
      await get().load();
      return undefined;
    } finally {
      if (rotates) set({ rotating: false });
    }
  }
  return {
    users: undefined,
    error: undefined,
    rotating: false,
    async load() {
      const asked = epoch;
      const result = await api().call('user.list', {});
      if (asked !== epoch) return;
      set(result.ok ? { users: result.value, error: undefined } : { error: `The users could not be loaded: ${result.error.message}` });
    },
    add: (username, role, passphrase) => change(() => api().call('user.add', { username, role, passphrase })),
    setRole: (userId, role, rotates) => change(() => api().call('user.setRole', { userId, role }), rotates),
    setDisabled: (userId, disabled) => change(() => api().call(disabled ? 'user.disable' : 'user.enable', { userId })),
    remove: (userId) => change(() => api().call('user.remove', { userId }), true),
    reset() {
      epoch += 1;
      set({ users: undefined, error: undefined, rotating: false });
    },
  };
});

resetOnLock(() => useUsers.getState().reset());
