/**
 * Telnet's in-band protocol (RFC 854 and 855), client side: separates the data a device prints from
 * its IAC commands, answers option negotiation, and encodes what we type.
 *
 * Negotiation follows RFC 1143's rule that a party answers only a request that changes an option's
 * state, so two sides that disagree never loop. We accept the options a login session needs and
 * refuse every other:
 * - the server may ECHO (it echoes what we type, as a terminal does; we never echo locally) and
 *   SUPPRESS-GO-AHEAD (full duplex);
 * - we will SUPPRESS-GO-AHEAD, TERMINAL-TYPE (answering "VT100" when asked, as Segura's templates
 *   expect) and NAWS (a 200 x 50 window, the SSH executor's PTY, so long echoes do not wrap).
 * Data: 0xFF is doubled; an end of line is CR LF, a lone CR is CR NUL (RFC 854's NVT rules).
 */
export const IAC = 255;
const DONT = 254;
const DO = 253;
const WONT = 252;
const WILL = 251;
const SB = 250;
const SE = 240;

const OPTION_ECHO = 1;
const OPTION_SGA = 3;
const OPTION_TTYPE = 24;
const OPTION_NAWS = 31;
const TTYPE_IS = 0;
const TTYPE_SEND = 1;

export const TERMINAL_TYPE = 'VT100';
export const WINDOW = { cols: 200, rows: 50 } as const;

/** Options the server may enable on its side, and options we enable on ours. */
const THEY_MAY: ReadonlySet<number> = new Set([OPTION_ECHO, OPTION_SGA]);
const WE_WILL: ReadonlySet<number> = new Set([OPTION_SGA, OPTION_TTYPE, OPTION_NAWS]);

type State = 'parsing' | 'iac' | 'verb' | 'sb' | 'sb-iac';

export class TelnetNegotiator {
  private state: State = 'parsing';
  private verb = 0;
  private sub: number[] = [];
  private readonly theirs = new Set<number>();
  private readonly ours = new Set<number>();

  /** `reply` sends protocol bytes back to the server (negotiation answers). */
  constructor(private readonly reply: (bytes: Buffer) => void) {}

  /** Takes bytes from the network and returns the data in them (commands removed and answered). */
  receive(chunk: Buffer): Buffer {
    const data: number[] = [];
    for (const byte of chunk) {
      switch (this.state) {
        case 'parsing':
          if (byte === IAC) this.state = 'iac';
          else data.push(byte);
          break;
        case 'iac':
          if (byte === IAC) {
            data.push(IAC);
            this.state = 'parsing';
          } else if (byte === DO || byte === DONT || byte === WILL || byte === WONT) {
            this.verb = byte;
            this.state = 'verb';
          } else if (byte === SB) {
            this.sub = [];
            this.state = 'sb';
          } else {
            this.state = 'parsing'; // NOP, GA, DM, AYT...: nothing to do for a scripted session
          }
          break;
        case 'verb':
          this.negotiate(this.verb, byte);
          this.state = 'parsing';
          break;
        case 'sb':
          if (byte === IAC) this.state = 'sb-iac';
          else if (this.sub.length < 1024) this.sub.push(byte);
          break;
        case 'sb-iac':
          if (byte === SE) {
            this.subnegotiation(this.sub);
            this.state = 'parsing';
          } else {
            if (byte === IAC && this.sub.length < 1024) this.sub.push(IAC);
            this.state = 'sb';
          }
          break;
      }
    }
    return Buffer.from(data);
  }

  /** What we type, as bytes on the wire: UTF-8, 0xFF doubled, line ends as CR LF, a lone CR as CR NUL. */
  encode(text: string): Buffer {
    const lines = text.replace(/\r\n|\n/g, '\r\n').replace(/\r(?!\n)/g, '\r\0');
    const bytes = Buffer.from(lines, 'utf8');
    if (!bytes.includes(IAC)) return bytes;
    const out: number[] = [];
    for (const byte of bytes) {
      out.push(byte);
      if (byte === IAC) out.push(IAC);
    }
    return Buffer.from(out);
  }

  private negotiate(verb: number, option: number): void {
    switch (verb) {
      case WILL:
        if (this.theirs.has(option)) return;
        if (THEY_MAY.has(option)) {
          this.theirs.add(option);
          this.send(DO, option);
        } else {
          this.send(DONT, option);
        }
        return;
      case WONT:
        if (!this.theirs.delete(option)) return;
        this.send(DONT, option);
        return;
      case DO:
        if (this.ours.has(option)) return;
        if (WE_WILL.has(option)) {
          this.ours.add(option);
          this.send(WILL, option);
          if (option === OPTION_NAWS) this.sendWindowSize();
        } else {
          this.send(WONT, option);
        }
        return;
      case DONT:
        if (!this.ours.delete(option)) return;
        this.send(WONT, option);
        return;
    }
  }

  private subnegotiation(sub: readonly number[]): void {
    if (sub[0] === OPTION_TTYPE && sub[1] === TTYPE_SEND && this.ours.has(OPTION_TTYPE)) {
      this.reply(Buffer.from([IAC, SB, OPTION_TTYPE, TTYPE_IS, ...Buffer.from(TERMINAL_TYPE, 'ascii'), IAC, SE]));
    }
  }

  private sendWindowSize(): void {
    const size = [WINDOW.cols >> 8, WINDOW.cols & 0xff, WINDOW.rows >> 8, WINDOW.rows & 0xff].flatMap((b) => (b === IAC ? [IAC, IAC] : [b]));
    this.reply(Buffer.from([IAC, SB, OPTION_NAWS, ...size, IAC, SE]));
  }

  private send(verb: number, option: number): void {
    this.reply(Buffer.from([IAC, verb, option]));
  }
}
