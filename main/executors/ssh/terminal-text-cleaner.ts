/* eslint-disable no-control-regex -- matching terminal control characters is what this file is for */
/**
 * Turns a PTY's output into text to match against: removes ANSI/VT100 escape sequences (colours,
 * cursor moves, bash's bracketed-paste switches "\x1b[?2004h"), carriage returns, NUL and BEL.
 * Output arrives in arbitrary chunks, so an escape sequence cut at the end of a chunk is held back
 * until the rest arrives.
 */
// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), charset selection (ESC ( B), other two-byte ESC codes.
const COMPLETE_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()*+][\s\S]|[@-Z\\-_])/g;
// What a sequence can look like before its last byte has arrived.
const UNFINISHED_SEQUENCE = /^\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*\x1b?|[()*+])?$/;
const MAX_HELD = 1_024;

export class TerminalTextCleaner {
  private held = '';

  feed(chunk: string): string {
    let text = this.held + chunk;
    this.held = '';
    const lastEscape = text.lastIndexOf('\x1b');
    if (lastEscape !== -1) {
      const tail = text.slice(lastEscape);
      if (UNFINISHED_SEQUENCE.test(tail) && tail.length < MAX_HELD) {
        this.held = tail;
        text = text.slice(0, lastEscape);
      }
    }
    return clean(text);
  }

  /** Whatever is still held back (an escape that never finished), cleaned. */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return clean(rest);
  }
}

function clean(text: string): string {
  // A stray ESC that starts no known sequence is dropped on its own.
  return text.replace(COMPLETE_SEQUENCE, '').replace(/[\x1b\r\x00\x07]/g, '');
}
