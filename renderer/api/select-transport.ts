import type { PamdeskBridge } from '../../shared/contract/bridge';
import { electronTransport } from './electron-transport';
import type { Transport } from './transport';
import { takeHostToken } from './host-token';
import { websocketTransport } from './websocket-transport';

declare global {
  interface Window {
    readonly pamdesk?: PamdeskBridge;
  }
}

/** Inside Electron, preload has exposed `window.pamdesk`; anywhere else we are on the host. */
export function selectTransport(): Transport {
  return window.pamdesk ? electronTransport(window.pamdesk) : websocketTransport(window.location, takeHostToken(window.location, window.history, window.sessionStorage));
}
