/** The OS clipboard as the shell gives it (Electron's clipboard in the desktop app). */
export interface SystemClipboard {
  readText(): string;
  writeText(text: string): void;
}

export interface SecretClipboard {
  /** Puts a revealed secret on the clipboard and clears it after `seconds` if it still holds it. */
  copy(secret: string, seconds: number): void;
  /** Lock, session end, quit: clears now if the clipboard still holds what we put there. */
  clear(): void;
}

/**
 * Clipboard clearing kept in main: a page's timer dies with the page (reload, lock clearing the
 * stores, a window that lost focus and may not touch the clipboard), main's does not. Only our own
 * value is cleared: whatever the user copied since is left alone.
 */
export function createSecretClipboard(system: SystemClipboard, timers: { set: typeof setTimeout; clear: typeof clearTimeout } = { set: setTimeout, clear: clearTimeout }): SecretClipboard {
  let held: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function clear(): void {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
    if (held !== undefined && system.readText() === held) system.writeText('');
    held = undefined;
  }

  return {
    copy(secret, seconds) {
      clear();
      system.writeText(secret);
      held = secret;
      timer = timers.set(clear, seconds * 1000);
      // A pending clear must not keep a quitting process alive; quit clears explicitly.
      (timer as { unref?: () => void }).unref?.();
    },
    clear,
  };
}
