import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannelName } from '../shared/contract/channels';
import { isEventName } from '../shared/contract/events';
import { IPC_EVENT, IPC_INVOKE } from '../shared/contract/wire';
import type { PamdeskBridge } from '../shared/contract/bridge';

/**
 * The whole surface the page gets: one frozen `pamdesk` object whose invoke and on accept only the
 * contract's names. No ipcRenderer, no Node, no Electron objects cross into the page.
 */
const bridge: PamdeskBridge = {
  invoke(channel, payload) {
    if (!isChannelName(channel)) return Promise.reject(new Error(`pamdesk: unknown channel ${String(channel)}`));
    return ipcRenderer.invoke(IPC_INVOKE, channel, payload);
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`pamdesk: unknown event ${String(event)}`);
    const wrapped = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('pamdesk', Object.freeze(bridge));
