import type { WebSocket } from 'ws';
import type { WsEventFrame, WsRequestFrame, WsResponseFrame } from '../../shared/contract/wire';
import type { Core } from '../core/create-core';
import type { Logger } from '../logging/logger';

export interface SocketBridge {
  attach(ws: WebSocket, connectionId: string): void;
  isAuthenticated(connectionId: string): boolean;
  closeAll(): void;
}

/**
 * Carries the contract over the host's WebSocket: invoke frames go to the core's router with the
 * socket as sender; core events go out to every open socket. A socket exists only after the gate
 * accepted its upgrade, so being in `open` is what "authenticated" means here.
 */
export function createSocketBridge(core: Core, logger: Logger): SocketBridge {
  const open = new Map<string, WebSocket>();

  core.events.subscribe((event, payload) => {
    const frame: WsEventFrame = { type: 'event', event, payload };
    const text = JSON.stringify(frame);
    for (const ws of open.values()) ws.send(text);
  });

  function attach(ws: WebSocket, connectionId: string): void {
    open.set(connectionId, ws);
    ws.on('close', () => open.delete(connectionId));
    ws.on('message', (data, isBinary) => {
      void (async () => {
        const frame = isBinary ? undefined : parseFrame(data.toString());
        if (!frame) {
          logger.warn('host.bad_frame', { connectionId });
          ws.close(1003, 'pamdesk expects JSON invoke frames');
          return;
        }
        const result = await core.router.handle({ kind: 'socket', connectionId, authenticated: open.has(connectionId) }, frame.channel, frame.payload);
        const reply: WsResponseFrame = { type: 'result', id: frame.id, result };
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
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

function parseFrame(text: string): WsRequestFrame | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const frame = value as Partial<WsRequestFrame>;
    if (frame.type !== 'invoke' || typeof frame.id !== 'number' || typeof frame.channel !== 'string') return undefined;
    return { type: 'invoke', id: frame.id, channel: frame.channel, payload: frame.payload };
  } catch {
    return undefined;
  }
}
