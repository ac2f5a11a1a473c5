import type { Result } from '../result';

/** The object preload exposes as `window.pamdesk` in the desktop app. */
export interface PamdeskBridge {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
