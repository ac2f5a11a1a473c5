import { describe, expect, it } from 'vitest';
import { IAC, TelnetNegotiator } from '../../../../main/executors/telnet/telnet-negotiator';

const DO = 253;
const DONT = 254;
const WILL = 251;
const WONT = 252;
const SB = 250;
const SE = 240;
const ECHO = 1;
const SGA = 3;
const TTYPE = 24;
const NAWS = 31;
const LINEMODE = 34;
const NEW_ENVIRON = 39;

function negotiator() {
  const replies: number[][] = [];
  const telnet = new TelnetNegotiator((bytes) => replies.push([...bytes]));
  return { telnet, replies };
}

describe('TelnetNegotiator', () => {
  it('separates data from commands, and undoubles IAC IAC', () => {
    const { telnet, replies } = negotiator();
    const data = telnet.receive(Buffer.from([...Buffer.from('log'), IAC, 241 /* NOP */, ...Buffer.from('in: '), IAC, IAC]));
    expect([...data]).toEqual([...Buffer.from('login: '), 0xff]);
    expect(replies).toEqual([]);
  });

  it("accepts the server's ECHO and SGA, refuses its other options, and does TTYPE, NAWS and SGA itself", () => {
    const { telnet, replies } = negotiator();
    telnet.receive(Buffer.from([IAC, WILL, ECHO, IAC, WILL, SGA, IAC, WILL, LINEMODE, IAC, DO, TTYPE, IAC, DO, NAWS, IAC, DO, NEW_ENVIRON, IAC, DO, SGA]));
    expect(replies).toEqual([
      [IAC, DO, ECHO],
      [IAC, DO, SGA],
      [IAC, DONT, LINEMODE],
      [IAC, WILL, TTYPE],
      [IAC, WILL, NAWS],
      [IAC, SB, NAWS, 0, 200, 0, 50, IAC, SE],
      [IAC, WONT, NEW_ENVIRON],
      [IAC, WILL, SGA],
    ]);
  });

  it('answers only requests that change state, so two parties never loop (RFC 1143)', () => {
    const { telnet, replies } = negotiator();
    telnet.receive(Buffer.from([IAC, WILL, ECHO, IAC, WILL, ECHO, IAC, DO, SGA, IAC, DO, SGA, IAC, WONT, ECHO, IAC, WONT, ECHO, IAC, DONT, TTYPE]));
    expect(replies).toEqual([
      [IAC, DO, ECHO],
      [IAC, WILL, SGA],
      [IAC, DONT, ECHO],
    ]);
  });

  it('sends the terminal type when asked, only once it agreed to TTYPE; survives commands split across reads', () => {
    const { telnet, replies } = negotiator();
    telnet.receive(Buffer.from([IAC, SB, TTYPE, 1, IAC, SE]));
    expect(replies).toEqual([]);
    telnet.receive(Buffer.from([IAC, DO]));
    telnet.receive(Buffer.from([TTYPE, IAC, SB, TTYPE]));
    const data = telnet.receive(Buffer.from([1, IAC, SE, ...Buffer.from('ok')]));
    expect(data.toString()).toBe('ok');
    expect(replies).toEqual([
      [IAC, WILL, TTYPE],
      [IAC, SB, TTYPE, 0, ...Buffer.from('VT100'), IAC, SE],
    ]);
  });

  it('types line ends as CR LF, a lone CR as CR NUL, and never sends a bare IAC', () => {
    const { telnet } = negotiator();
    expect([...telnet.encode('passwd\n')]).toEqual([...Buffer.from('passwd\r\n')]);
    expect([...telnet.encode('a\r\nb\rc')]).toEqual([...Buffer.from('a\r\nb\r\0c')]);
    // U+00FF is sent as UTF-8 (C3 BF): text never puts an IAC byte on the wire.
    expect([...telnet.encode('ÿ')]).toEqual([0xc3, 0xbf]);
  });
});
