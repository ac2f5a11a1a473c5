import type { Result } from '../../shared/result';

/**
 * How the api client reaches main: Electron IPC through preload in the desktop app, a WebSocket in
 * the headless host. The client above it is the same.
 */
export interface Transport {
  readonly kind: 'electron' | 'websocket';
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
