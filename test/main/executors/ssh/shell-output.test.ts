import { describe, expect, it } from 'vitest';
import { ShellOutput } from '../../../../main/executors/ssh/shell-output';

describe('ShellOutput', () => {
  it('matches output and consumes it up to the end of the match', async () => {
    const output = new ShellOutput();
    output.append('login banner\nuser@host:~$ ');
    expect(await output.waitFor(/\$ /, 100)).toEqual({ kind: 'matched', text: '$ ' });
    expect((await output.waitFor(/\$ /, 50)).kind).toBe('timeout');
  });

  it('does not match the echo of what was sent, only what the device printed after it', async () => {
    const output = new ShellOutput();
    output.sending('# password: only in the command\n');
    output.append('# password: only in the com');
    output.append('mand\nuser@host:~$ ');
    expect((await output.waitFor(/password:/, 50)).kind).toBe('timeout');
    expect(output.tail()).toBe('user@host:~$ ');
  });

  it('ends the echo at the first differing character, so a silent password prompt costs nothing', async () => {
    const output = new ShellOutput();
    output.sending('S3cret\n');
    output.append('\nRetype new password: ');
    expect(await output.waitFor(/Retype new password:/, 100)).toMatchObject({ kind: 'matched' });
  });

  it('expects the echoes of several sends in a row, in order', async () => {
    const output = new ShellOutput();
    output.sending('configure terminal\r\n');
    output.sending('end#\r\n');
    output.append('configure terminal\r\nend#\r\n'.replace(/\r/g, ''));
    output.append('Router#');
    expect(await output.waitFor(/#/, 100)).toEqual({ kind: 'matched', text: '#' });
    expect(output.tail()).toBe('');
  });

  it('forgets unmatched output when something is sent: a later expect answers the later command', async () => {
    const output = new ShellOutput();
    output.append('old prompt> ');
    output.sending('x');
    expect((await output.waitFor(/>/, 50)).kind).toBe('timeout');
  });

  it('reports a closed shell once nothing left can match', async () => {
    const output = new ShellOutput();
    const waiting = output.waitFor(/never/, 5_000);
    output.append('bye\n');
    output.close();
    expect(await waiting).toEqual({ kind: 'closed' });
  });

  it('watches without consuming (no-expect), and a closed shell ends the watch as not seen', async () => {
    const output = new ShellOutput();
    output.append('% Invalid input detected');
    expect(await output.watchFor(/Invalid/, 100)).toEqual({ kind: 'seen', text: 'Invalid' });
    expect(await output.waitFor(/Invalid/, 100)).toMatchObject({ kind: 'matched' });
    expect(await output.watchFor(/Invalid/, 30)).toEqual({ kind: 'not-seen' });
    output.close();
    const started = Date.now();
    expect(await output.watchFor(/Invalid/, 5_000)).toEqual({ kind: 'not-seen' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops waiting when the run is aborted', async () => {
    const output = new ShellOutput();
    const controller = new AbortController();
    const waiting = output.waitFor(/never/, 5_000, controller.signal);
    controller.abort();
    expect(await waiting).toEqual({ kind: 'aborted' });
  });
});
