import { connect, type Socket } from 'node:net';
import type { TerminalChannel } from '../terminal-channel';
import { TelnetNegotiator } from './telnet-negotiator';

/**
 * One Telnet connection as a terminal channel. Data has one listener at a time: the login reads
 * first, then hands over to the template's session; what arrives while nobody listens is held and
 * given to the next listener, so the prompt that ends the login is still there for the template's
 * first expect.
 */
export class TelnetTerminal implements TerminalChannel {
  private listener: ((chunk: Buffer) => void) | null = null;
  private held: Buffer[] = [];
  private readonly negotiator: TelnetNegotiator;
  private readonly closeListeners: (() => void)[] = [];
  private closed = false;

  private constructor(private readonly socket: Socket) {
    this.negotiator = new TelnetNegotiator((bytes) => {
      if (!socket.destroyed) socket.write(bytes);
    });
    socket.on('data', (chunk: Buffer) => {
      const data = this.negotiator.receive(chunk);
      if (data.length === 0) return;
      if (this.listener) this.listener(data);
      else this.held.push(data);
    });
    socket.on('close', () => {
      this.closed = true;
      for (const listener of this.closeListeners.splice(0)) listener();
    });
  }

  /** Connects over TCP within `timeoutMs`; the error says why not, in the operator's words. */
  static open(host: string, port: number, timeoutMs: number): Promise<{ ok: true; terminal: TelnetTerminal } | { ok: false; message: string }> {
    return new Promise((resolve) => {
      const socket = connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        resolve({ ok: false, message: `No Telnet connection to ${host}:${port} within ${timeoutMs} ms. Check the address, the Telnet port in the device's connectivities, and the firewall.` });
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve({ ok: true, terminal: new TelnetTerminal(socket) });
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve({ ok: false, message: `Could not connect to ${host}:${port} over Telnet (${error.code ?? error.message}). Check the address, the Telnet port in the device's connectivities, and that a Telnet server runs there.` });
      });
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  write(text: string): void {
    if (!this.socket.destroyed) this.socket.write(this.negotiator.encode(text));
  }

  onData(listener: (chunk: Buffer) => void): void {
    this.listener = listener;
    const held = this.held;
    this.held = [];
    for (const chunk of held) listener(chunk);
  }

  /** Stops the current listener; data is held for the next one. `replay` is given to it first. */
  detach(replay: readonly Buffer[] = []): void {
    this.listener = null;
    this.held = [...replay, ...this.held];
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  onError(listener: (error: Error) => void): void {
    this.socket.on('error', listener);
  }

  close(): void {
    this.socket.end();
    this.socket.destroy();
  }
}
