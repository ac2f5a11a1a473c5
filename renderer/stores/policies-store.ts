import { create } from 'zustand';
import type { PasswordPolicy } from '../../shared/domain/password-policy';
import { api } from '../api/api';
import { resetOnLock } from './reset-on-lock';

interface PoliciesState {
  readonly policies: readonly PasswordPolicy[] | undefined;
  readonly error: string | undefined;
  load(): Promise<void>;
  reset(): void;
}

/** Bumped by a lock, so an answer that arrives after it is not kept. */
let epoch = 0;

/** Password policies: a short list, loaded whole and reloaded after each save. */
export const usePolicies = create<PoliciesState>((set) => ({
  policies: undefined,
  error: undefined,
  async load() {
    const asked = epoch;
    const result = await api().call('policy.list', {});
    if (asked !== epoch) return;
    set(result.ok ? { policies: result.value, error: undefined } : { error: `The policies could not be loaded: ${result.error.message}` });
  },
  reset() {
    epoch += 1;
    set({ policies: undefined, error: undefined });
  },
}));

resetOnLock(() => usePolicies.getState().reset());
