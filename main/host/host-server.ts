import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { HOST_TOKEN_FRAGMENT, WS_PATH } from '../../shared/contract/wire';
import type { Logger } from '../logging/logger';
import { securityHeaders } from '../security/csp';
import { createHostGate, selectProtocol, type GateRequest, type HostGate } from './host-auth';
import { readRendererFile } from './static-files';
import { createSocketBridge, type SocketBridge } from './socket-bridge';
import type { Core } from '../core/create-core';

export interface HostServerOptions {
  readonly rendererDir: string;
  /** 127.0.0.1 unless the operator explicitly asked for another interface. */
  readonly host: string;
  readonly port: number;
  readonly token: string;
  readonly logger: Logger;
  /** Builds the core once the gate exists, so the core's sender trust can ask the bridge. */
  readonly makeCore: (isAuthenticatedSocket: (connectionId: string) => boolean) => Core;
}

export interface HostServer {
  readonly url: string;
  readonly port: number;
  readonly core: Core;
  close(): Promise<void>;
}

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const { logger } = options;
  const gate: HostGate = createHostGate(options.token);
  // The core's sender check asks the bridge, and the bridge needs the core: the bridge is bound
  // lazily, and no socket can exist before it is.
  let bridge: SocketBridge | undefined = undefined;
  const core = options.makeCore((connectionId) => bridge?.isAuthenticated(connectionId) ?? false);

  const server = createServer((request, response) => {
    void serveHttp(request, response).catch((error: unknown) => {
      logger.error('host.http_failed', { error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) response.writeHead(500).end('pamdesk host failed to answer this request.');
    });
  });

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = gate.check(gateRequest(request, false));
    if (!verdict.allow) {
      response.writeHead(verdict.status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() }).end(verdict.reason);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = request.url ?? '/';
    const file = await readRendererFile(options.rendererDir, url);
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found. Build the renderer with `npm run build`.');
      return;
    }
    response.writeHead(200, { 'Content-Type': file.contentType, 'Cache-Control': 'no-store', ...securityHeaders() });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  // The page offers our protocol and the token protocol; the answer names only ours.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024, handleProtocols: (offered) => selectProtocol(offered) });
  bridge = createSocketBridge(core, logger);
  server.on('upgrade', (request, socket, head) => {
    const verdict = gate.check(gateRequest(request, true));
    const path = (request.url ?? '').split('?')[0];
    if (!verdict.allow || path !== WS_PATH) {
      const status = verdict.allow ? 404 : verdict.status;
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws: WebSocket) => bridge?.attach(ws, randomUUID()));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const authority = options.host.includes(':') ? `[${options.host}]:${port}` : `${options.host}:${port}`;
  gate.setAllowedAuthorities(options.host === '127.0.0.1' ? [authority, `localhost:${port}`] : [authority]);
  // The token rides in the fragment: the browser never sends it in a request, so no log or
  // Referer carries it; the page reads it, keeps it for this tab and drops it from the address bar.
  const url = `http://${authority}/#${HOST_TOKEN_FRAGMENT}=${gate.token}`;
  logger.info('host.listening', { address: authority });

  return {
    url,
    port,
    core,
    async close() {
      bridge?.closeAll();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await core.close();
    },
  };
}

function gateRequest(request: IncomingMessage, isUpgrade: boolean): GateRequest {
  return {
    host: request.headers.host,
    origin: request.headers.origin,
    url: request.url ?? '/',
    isUpgrade,
    protocols: request.headers['sec-websocket-protocol'],
  };
}
