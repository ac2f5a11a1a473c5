import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel } from 'ssh2';
import type { TerminalChannel } from '../terminal-channel';
import { ShellOutput } from './shell-output';
import { TerminalTextCleaner } from './terminal-text-cleaner';
import type { TranscriptRecorder } from './transcript-recorder';

/**
 * One interactive shell: everything the device prints goes (cleaned) to the transcript and to the
 * expect engine; everything sent goes to the transcript first. A closed channel or connection
 * closes the output, which ends any wait with 'closed'. A pager ("--More--") at the end of the
 * output is answered with a space at once, so a long listing never stalls a template.
 */
export class ShellSession {
  readonly output = new ShellOutput();

  constructor(
    private readonly channel: TerminalChannel,
    private readonly transcript: TranscriptRecorder,
  ) {
    const decoder = new StringDecoder('utf8');
    const cleaner = new TerminalTextCleaner();
    channel.onData((chunk: Buffer): void => {
      const text = cleaner.feed(decoder.write(chunk));
      transcript.received(text);
      this.output.append(text);
      if (!this.output.isClosed && this.output.takePager()) {
        transcript.note('answered a pager with a space');
        channel.write(' ');
      }
    });
    const onClosed = (): void => {
      if (this.output.isClosed) return;
      const rest = cleaner.feed(decoder.end()) + cleaner.flush();
      transcript.received(rest);
      this.output.append(rest);
      transcript.note('the device closed the session');
      this.output.close();
    };
    channel.onClose(onClosed);
    channel.onError((error: Error) => {
      transcript.note(`connection error: ${error.message}`);
      onClosed();
    });
  }

  /** False when the device already closed the session. */
  send(text: string): boolean {
    if (this.output.isClosed) return false;
    this.output.sending(text);
    this.transcript.sent(text);
    this.channel.write(text);
    return true;
  }

  close(): void {
    this.channel.close();
  }
}

/** An SSH PTY shell channel (and its connection) as a terminal channel. */
export function sshTerminalChannel(client: Client, channel: ClientChannel): TerminalChannel {
  return {
    write: (text) => channel.write(text),
    onData: (listener) => {
      channel.on('data', listener);
      channel.stderr.on('data', listener);
    },
    onClose: (listener) => {
      channel.on('close', listener);
      client.on('close', listener);
    },
    onError: (listener) => client.on('error', listener),
    close: () => {
      channel.end();
      client.end();
    },
  };
}
