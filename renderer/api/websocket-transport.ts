import type { WsEventFrame, WsRequestFrame, WsResponseFrame } from '../../shared/contract/wire';
import { WS_PATH, WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from '../../shared/contract/wire';
import type { Result } from '../../shared/result';
import type { Transport } from './transport';

type Pending = (result: Result<unknown>) => void;

/**
 * The headless host's transport. The socket is authenticated by the host's token, offered as a
 * subprotocol (never a cookie: cookies ignore ports); it reconnects after a drop and fails calls
 * made while it is down with a clear error instead of hanging.
 */
export function websocketTransport(location: Location, token: string | undefined): Transport {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let ready: Promise<WebSocket> | undefined;

  function connect(): Promise<WebSocket> {
    if (ready) return ready;
    ready = new Promise<WebSocket>((resolve, reject) => {
      if (!token) {
        ready = undefined;
        reject(new Error('This page has no access token for the pamdesk host: open the URL that `pamdesk serve` printed (it ends in #token=…).'));
        return;
      }
      const ws = new WebSocket(url, [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${token}`]);
      ws.onopen = () => {
        socket = ws;
        resolve(ws);
      };
      ws.onerror = () => reject(new Error('pamdesk could not reach its host. Is `pamdesk serve` still running? If it was restarted, open the new URL it printed.'));
      ws.onclose = () => {
        socket = undefined;
        ready = undefined;
        for (const settle of pending.values()) {
          settle({ ok: false, error: { code: 'INTERNAL', message: 'The connection to the pamdesk host closed before it answered. Try again.' } });
        }
        pending.clear();
      };
      ws.onmessage = (message) => dispatch(String(message.data));
    });
    return ready;
  }

  function dispatch(text: string): void {
    const frame = JSON.parse(text) as WsResponseFrame | WsEventFrame;
    if (frame.type === 'result') {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    } else {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
    }
  }

  return {
    kind: 'websocket',
    async invoke(channel, payload) {
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch (error) {
        return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
      }
      const id = nextId++;
      const frame: WsRequestFrame = { type: 'invoke', id, channel, payload };
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify(frame));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      void connect().catch(() => undefined);
      return () => set.delete(listener);
    },
  };
}
