import type { WebSocket } from 'ws';
import type { WsEventFrame, WsRequestFrame, WsResponseFrame } from '../../shared/contract/wire';
import { fail, type Result } from '../../shared/result';
import type { Core } from '../core/create-core';
import type { Logger } from '../logging/logger';

export interface SocketBridge {
  attach(ws: WebSocket, connectionId: string): void;
  isAuthenticated(connectionId: string): boolean;
  closeAll(): void;
}

/**
 * Carries the contract over the host's WebSocket: invoke frames go to the core's router with the
 * socket as sender; core events go out to every open socket its session may hear them. A socket exists only after the gate
 * accepted its upgrade, so being in `open` is what "authenticated" means here.
 */
export function createSocketBridge(core: Core, logger: Logger): SocketBridge {
  const open = new Map<string, WebSocket>();

  // Each socket gets the event as its own session may see it: one browser context signed in as an
  // approver and another as an auditor hear different things, a locked one only lock and status.
  core.events.subscribe((event, payload) => {
    for (const [connectionId, ws] of open) {
      const shown = core.eventFor({ kind: 'socket', connectionId, authenticated: true }, event, payload);
      if (shown === undefined || ws.readyState !== ws.OPEN) continue;
      const frame: WsEventFrame = { type: 'event', event, payload: shown };
      ws.send(JSON.stringify(frame));
    }
  });

  function attach(ws: WebSocket, connectionId: string): void {
    open.set(connectionId, ws);
    ws.on('close', () => open.delete(connectionId));
    const reply = (id: number, result: Result<unknown>): void => {
      const frame: WsResponseFrame = { type: 'result', id, result };
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    ws.on('message', (data, isBinary) => {
      void (async () => {
        const parsed = isBinary ? undefined : parseFrame(data.toString());
        if (parsed === undefined) {
          // Nothing to address an answer to: the socket is closed with a reason instead.
          logger.warn('host.bad_frame', { connectionId });
          ws.close(1003, 'pamdesk expects JSON invoke frames');
          return;
        }
        if ('problem' in parsed) {
          reply(parsed.id, fail({ code: 'BAD_REQUEST', message: `This frame is not a pamdesk invoke frame: ${parsed.problem}. Reload pamdesk so the page and the host match.` }));
          return;
        }
        try {
          reply(parsed.id, await core.router.handle({ kind: 'socket', connectionId, authenticated: open.has(connectionId) }, parsed.channel, parsed.payload));
        } catch (error) {
          // The router never throws; if it ever did, the socket still gets an envelope, not silence.
          logger.error('host.router_threw', { connectionId, error: error instanceof Error ? error.message : String(error) });
          reply(parsed.id, fail({ code: 'INTERNAL', message: 'pamdesk could not finish this action because of an internal error; nothing was changed by the failed step. Try again, and if it happens again, send the log to your administrator.' }));
        }
      })();
    });
  }

  return {
    attach,
    isAuthenticated: (connectionId) => open.has(connectionId),
    closeAll() {
      for (const ws of open.values()) ws.close(1001, 'pamdesk host is stopping');
      open.clear();
    },
  };
}

/**
 * A frame with a usable id gets an answer even when the rest is wrong (`problem`); one without
 * (not JSON, not an object, no finite numeric id) gets undefined.
 */
function parseFrame(text: string): WsRequestFrame | { readonly id: number; readonly problem: string } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // includes nesting too deep for the parser (RangeError)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const frame = value as Record<string, unknown>;
  const id = frame['id'];
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return undefined;
  if (frame['type'] !== 'invoke') return { id, problem: 'its type is not "invoke"' };
  const channel = frame['channel'];
  if (typeof channel !== 'string') return { id, problem: 'it names no channel' };
  return { type: 'invoke', id, channel, payload: frame['payload'] };
}
