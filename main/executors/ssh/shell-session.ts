import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel } from 'ssh2';
import { ShellOutput } from './shell-output';
import { TerminalTextCleaner } from './terminal-text-cleaner';
import type { TranscriptRecorder } from './transcript-recorder';

/**
 * One interactive shell: everything the device prints goes (cleaned) to the transcript and to the
 * expect engine; everything sent goes to the transcript first. A closed channel or connection
 * closes the output, which ends any wait with 'closed'.
 */
export class ShellSession {
  readonly output = new ShellOutput();

  constructor(
    private readonly client: Client,
    private readonly channel: ClientChannel,
    private readonly transcript: TranscriptRecorder,
  ) {
    const decoder = new StringDecoder('utf8');
    const cleaner = new TerminalTextCleaner();
    const onData = (chunk: Buffer): void => {
      const text = cleaner.feed(decoder.write(chunk));
      transcript.received(text);
      this.output.append(text);
    };
    channel.on('data', onData);
    channel.stderr.on('data', onData);
    const onClosed = (): void => {
      if (this.output.isClosed) return;
      const rest = cleaner.feed(decoder.end()) + cleaner.flush();
      transcript.received(rest);
      this.output.append(rest);
      transcript.note('the device closed the session');
      this.output.close();
    };
    channel.on('close', onClosed);
    client.on('close', onClosed);
    client.on('error', (error: Error) => {
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
    this.channel.end();
    this.client.end();
  }
}
