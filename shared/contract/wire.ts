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
/**
 * The host's WebSocket subprotocols. The page offers both; the second carries the per-run token
 * (base64url, valid in a protocol name), and the host answers with the first, never echoing the token.
 * A cookie would not do: cookies ignore ports, so every server on 127.0.0.1 would receive it.
 */
export const WS_PROTOCOL = 'pamdesk.v1';
export const WS_TOKEN_PROTOCOL_PREFIX = 'pamdesk.token.';
/** Where the printed URL carries the token: the fragment, which the browser never sends to a server. */
export const HOST_TOKEN_FRAGMENT = 'token';
