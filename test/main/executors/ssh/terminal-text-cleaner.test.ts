import { describe, expect, it } from 'vitest';
import { TerminalTextCleaner } from '../../../../main/executors/ssh/terminal-text-cleaner';

describe('TerminalTextCleaner', () => {
  it("removes bash's bracketed-paste switches, colours and carriage returns", () => {
    const cleaner = new TerminalTextCleaner();
    expect(cleaner.feed('\x1b[?2004halice@vm:~$ \x1b[01;32mok\x1b[0m\r\n')).toBe('alice@vm:~$ ok\n');
  });

  it('holds back an escape sequence cut between chunks', () => {
    const cleaner = new TerminalTextCleaner();
    expect(cleaner.feed('passwd\r\n\x1b[?20')).toBe('passwd\n');
    expect(cleaner.feed('04l\rChanging password')).toBe('Changing password');
  });

  it('removes OSC window titles and charset selections', () => {
    const cleaner = new TerminalTextCleaner();
    expect(cleaner.feed('\x1b]0;user@host: ~\x07\x1b(Bprompt$ ')).toBe('prompt$ ');
  });
});
