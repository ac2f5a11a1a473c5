/**
 * The two wire shapes shared by every transport. Electron IPC and the host's WebSocket carry the
 * same envelopes, so the renderer's api client does not know which one it runs over.
 */
import type { Result } from '../result';

/** Electron IPC channel names: the only two raw channels that exist. */
export const IPC_INVOKE = 'pamdesk:invoke';
export const IPC_EVENT = 'pamdesk:event';

/** WebSocket frames (host shell). */
export interface WsRequestFrame {
  readonly type: 'invoke';
  readonly id: number;
  readonly channel: string;
  readonly payload: unknown;
}

export interface WsResponseFrame {
  readonly type: 'result';
  readonly id: number;
  readonly result: Result<unknown>;
}

export interface WsEventFrame {
  readonly type: 'event';
  readonly event: string;
  readonly payload: unknown;
}

/** The host serves its WebSocket here. */
export const WS_PATH = '/ws';
/** Cookie holding the host's per-run token after the first tokened request. */
export const HOST_TOKEN_COOKIE = 'pamdesk_token';
