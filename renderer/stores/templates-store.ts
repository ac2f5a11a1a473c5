import { create } from 'zustand';
import type { TemplateView } from '../../shared/domain/template';
import { api } from '../api/api';
import { resetOnLock } from './reset-on-lock';

interface TemplatesState {
  readonly templates: readonly TemplateView[] | undefined;
  readonly error: string | undefined;
  load(): Promise<void>;
  reset(): void;
}

/** Bumped by a lock, so an answer that arrives after it is not kept. */
let epoch = 0;

/** Execution templates: a short list, loaded whole and reloaded after each save. */
export const useTemplates = create<TemplatesState>((set) => ({
  templates: undefined,
  error: undefined,
  async load() {
    const asked = epoch;
    const result = await api().call('template.list', {});
    if (asked !== epoch) return;
    set(result.ok ? { templates: result.value, error: undefined } : { error: `The templates could not be loaded: ${result.error.message}` });
  },
  reset() {
    epoch += 1;
    set({ templates: undefined, error: undefined });
  },
}));

// Template bodies name hosts and accounts: they are vault data and go when the vault locks.
resetOnLock(() => useTemplates.getState().reset());
