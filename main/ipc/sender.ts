/**
 * Who sent a message to main. Each shell describes its senders; the shell (which knows its window
 * or its sockets) decides whether a sender is trusted, and the router refuses everyone else.
 */
export type Sender =
  | { readonly kind: 'electron'; readonly webContentsId: number; readonly frameUrl: string }
  | { readonly kind: 'socket'; readonly connectionId: string; readonly authenticated: boolean }
  | { readonly kind: 'cli' };

export type SenderTrust = (sender: Sender) => boolean;

/** A stable key per sender, used to bind a signed-in session to the window or socket it came from. */
export function senderKey(sender: Sender): string {
  switch (sender.kind) {
    case 'electron':
      return `electron:${sender.webContentsId}`;
    case 'socket':
      return `socket:${sender.connectionId}`;
    case 'cli':
      return 'cli';
  }
}
