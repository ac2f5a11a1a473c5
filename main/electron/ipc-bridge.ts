import { ipcMain, type WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/contract/wire';
import type { Core } from '../core/create-core';

/**
 * The only place main touches raw ipcMain (lint enforces it). Every invoke goes to the core's router
 * with the sender described, so the router's trust check sees which window and frame sent it.
 */
export function bindIpc(core: Core, target: () => WebContents | undefined): () => void {
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, payload: unknown) =>
    core.router.handle(
      { kind: 'electron', webContentsId: event.sender.id, frameUrl: event.senderFrame?.url ?? '' },
      channel,
      payload,
    ),
  );
  const unsubscribe = core.events.subscribe((name, payload) => {
    const contents = target();
    if (!contents || contents.isDestroyed()) return;
    // The window's session decides what it may hear (a role that cannot read the trail never learns it moved).
    const shown = core.eventFor({ kind: 'electron', webContentsId: contents.id, frameUrl: contents.getURL() }, name, payload);
    if (shown !== undefined) contents.send(IPC_EVENT, name, shown);
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    unsubscribe();
  };
}
