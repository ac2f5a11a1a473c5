/**
 * The expect engine's view of a PTY shell's output: the cleaned text received since the last match
 * (or since the last thing we sent), and waits for a pattern in it.
 *
 * The echo problem. A PTY echoes what we type, so after `exec "sudo passwd bob"` an expect for
 * "*passwd*" or "*#" could match our own command line instead of the device's answer. Two rules
 * keep matches on the device's output:
 *  1. Sending clears the unmatched text: an expect after a send only sees output that came after
 *     it (output that came before the send answers an earlier step).
 *  2. The echo of what we sent is skipped: characters that arrive right after a send and spell the
 *     sent text (line breaks and escape sequences ignored) are consumed, not matched. The first
 *     character that differs ends the echo, so a prompt that does not echo (a password) costs
 *     nothing: the device's next output is matched from its first character.
 * Limits: if a device's answer happens to begin with the same characters as a secret typed at a
 * silent prompt, those leading characters are skipped too ("*" patterns still match the rest);
 * a terminal that redraws a long line while echoing it (wrapping past the PTY's 200 columns) ends the
 * echo early and the rest of that echo becomes matchable.
 */
export type WaitResult =
  | { readonly kind: 'matched'; readonly text: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'closed' }
  | { readonly kind: 'aborted' };

export type WatchResult = { readonly kind: 'seen'; readonly text: string } | { readonly kind: 'not-seen' } | { readonly kind: 'aborted' };

/**
 * Pagers that hold output until a key is pressed (Cisco and most network CLIs "--More--", Huawei
 * "---- More ----", HP "-- MORE --, next page: Space", less-like "(END)" is not one: it waits for q).
 * Matched at the very end of the unmatched output only: a pager is the last thing the device said.
 */
const PAGER = /(?:-{1,4} ?more ?-{1,4}(?:[^\n]{0,60})?|<-{1,3} ?more ?-{1,3}>|press any key to continue[^\n]{0,40})[ \t]*$/i;

/** Keep at most this much unmatched output: enough for any prompt, bounded for a chatty device. */
const MAX_PENDING = 256 * 1024;

export class ShellOutput {
  private pending = '';
  /** What is left to see of our own echo; null when not expecting one. */
  private echo: string | null = null;
  private closed = false;
  private readonly listeners = new Set<() => void>();

  /** Text that came from the device, already cleaned (see TerminalTextCleaner). */
  append(text: string): void {
    this.pending += this.skipEcho(text);
    if (this.pending.length > MAX_PENDING) this.pending = this.pending.slice(-MAX_PENDING);
    this.notify();
  }

  /**
   * True when the device's last output is a pager waiting for a key; the pager text is removed, so
   * the page before it and the next page read as one text for the template's waits.
   */
  takePager(): boolean {
    const match = PAGER.exec(this.pending);
    if (match === null) return false;
    this.pending = this.pending.slice(0, match.index);
    return true;
  }

  /** The device closed the shell: waits see what is left, then 'closed'. */
  close(): void {
    this.closed = true;
    this.notify();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Call just before sending `text` to the device. */
  sending(text: string): void {
    this.pending = '';
    const visible = text.replace(/[\r\n]/g, '');
    // Several sends in a row before the echo of the first arrives: their echoes come in order.
    this.echo = (this.echo ?? '') + visible;
  }

  /** The end of the unmatched output, for failure messages. */
  tail(max = 200): string {
    return this.pending.length <= max ? this.pending : `…${this.pending.slice(-max)}`;
  }

  /** Waits until `pattern` shows up; the output up to the end of the match is then consumed. */
  waitFor(pattern: RegExp, timeoutMs: number, signal?: AbortSignal): Promise<WaitResult> {
    return this.wait<WaitResult>(timeoutMs, signal, (finish) => {
      const match = pattern.exec(this.pending);
      if (match !== null) {
        this.pending = this.pending.slice(match.index + match[0].length);
        finish({ kind: 'matched', text: match[0] });
      } else if (this.closed) {
        finish({ kind: 'closed' });
      }
    }, { kind: 'timeout' });
  }

  /**
   * Watches for `pattern` for `windowMs` (no-expect). Consumes nothing: output seen during the
   * window stays for the next step. A closed shell can print nothing more, so it ends the watch.
   */
  watchFor(pattern: RegExp, windowMs: number, signal?: AbortSignal): Promise<WatchResult> {
    return this.wait<WatchResult>(windowMs, signal, (finish) => {
      const match = pattern.exec(this.pending);
      if (match !== null) finish({ kind: 'seen', text: match[0] });
      else if (this.closed) finish({ kind: 'not-seen' });
    }, { kind: 'not-seen' });
  }

  private wait<T extends { readonly kind: string }>(
    timeoutMs: number,
    signal: AbortSignal | undefined,
    check: (finish: (result: T) => void) => void,
    onTimeout: T,
  ): Promise<T | { readonly kind: 'aborted' }> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (result: T | { readonly kind: 'aborted' }): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.listeners.delete(listener);
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const listener = (): void => check(finish);
      const onAbort = (): void => finish({ kind: 'aborted' });
      const timer = setTimeout(() => finish(onTimeout), timeoutMs);
      if (signal?.aborted === true) return finish({ kind: 'aborted' });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.listeners.add(listener);
      check(finish);
    });
  }

  private skipEcho(text: string): string {
    let i = 0;
    while (this.echo !== null && i < text.length) {
      const char = text.charAt(i);
      if (char === '\n') {
        i += 1; // the terminal's own line break after (or inside, when wrapping) the echo
      } else if (this.echo.length > 0 && char === this.echo.charAt(0)) {
        this.echo = this.echo.slice(1);
        i += 1;
      } else {
        this.echo = null; // echo done, or it never came (silent prompt): the device speaks now
      }
    }
    return text.slice(i);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
