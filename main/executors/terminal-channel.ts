/**
 * The byte stream of one interactive terminal session, whatever carries it: an SSH shell channel
 * or a Telnet connection. The expect engine (ShellSession, ShellOutput, the step runner) works on
 * this, so every executor with an interactive terminal runs templates the same way.
 */
export interface TerminalChannel {
  /** Sends text the way a person types it; the channel does its protocol's encoding. */
  write(text: string): void;
  /** What the device printed, protocol framing already removed. */
  onData(listener: (chunk: Buffer) => void): void;
  /** The session ended (either side); called at most once. */
  onClose(listener: () => void): void;
  onError(listener: (error: Error) => void): void;
  close(): void;
}
