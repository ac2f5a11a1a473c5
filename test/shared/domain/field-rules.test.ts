import { describe, expect, it } from 'vitest';
import { findControlCharacter } from '../../../shared/domain/control-characters';
import { hostnameProblem, ipProblem, tagListProblem, usernameProblem } from '../../../shared/domain/field-rules';
import { connectHost, isHostname, isIpv4Address, isIpv6Address, isUrlAddress } from '../../../shared/domain/network-address';
import { ALLOWABLE_SYMBOLS, DIGIT_ALPHABET, LOWERCASE_ALPHABET, UPPERCASE_ALPHABET } from '../../../shared/domain/password-policy';

const HUGE_HOSTNAME = 'a'.repeat(100_000);

describe('network addresses', () => {
  it('IPv4: four numbers 0-255 without leading zeros', () => {
    for (const ok of ['10.0.0.1', '0.0.0.0', '255.255.255.255', '128.0.0.1']) expect(isIpv4Address(ok), ok).toBe(true);
    for (const bad of ['999.1.1.1', '256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.-4', '1.2.3.4 ', '', '1..2.3', '١.٢.٣.٤']) expect(isIpv4Address(bad), bad).toBe(false);
  });

  it('IPv6: full, compressed and IPv4-tailed forms; no zones, no brackets, one "::"', () => {
    for (const ok of ['::1', '::', 'fd00::5', '2001:db8:0:0:0:0:2:1', '2001:DB8::8:800:200C:417A', '::ffff:192.0.2.128', '64:ff9b::10.0.0.1']) expect(isIpv6Address(ok), ok).toBe(true);
    for (const bad of ['1::2::3', '2001:db8:0:0:0:0:2:1:9', '12345::', 'fe80::1%eth0', '[::1]', ':::', '::ffff:999.0.0.1', 'g::1', '1:2:3:4:5:6:7']) expect(isIpv6Address(bad), bad).toBe(false);
  });

  it('hostnames: RFC 1123 labels (plus "_"), at most 253 characters, never a bogus dotted quad', () => {
    for (const ok of ['w2016', 'API-Testing', 'API_DEVICE_1', 'db-01.corp.example', 'host.example.', 'a'.repeat(63), '10.0.0.1']) expect(isHostname(ok), ok).toBe(true);
    for (const bad of ['', '-lead', 'trail-', 'a b', 'a..b', 'a'.repeat(64), `${'a.'.repeat(127)}ab`, '999.1.1.1', 'host;rm', "o'neil", 'ünï', HUGE_HOSTNAME]) expect(isHostname(bad), bad.slice(0, 20)).toBe(false);
  });

  it('URLs: a scheme, a valid host (name, IPv4 or [IPv6]), a port 1-65535, no credentials, no spaces', () => {
    for (const ok of ['https://www.gmail.com', 'http://10.0.0.1:8080/login?next=/a&b=1#top', 'ssh://db01.example.com:2222', 'https://[fd00::5]/']) expect(isUrlAddress(ok), ok).toBe(true);
    for (const bad of ['https://', 'https://user:pw@host', 'https://a b', 'https://host:0', 'https://host:70000', 'https://999.1.1.1x y', 'javascript:alert(1)', 'https://host/\u0000', `https://${'a'.repeat(3000)}.com`]) expect(isUrlAddress(bad), bad.slice(0, 30)).toBe(false);
    expect(connectHost('ssh://db01.example.com:2222')).toBe('db01.example.com');
    expect(connectHost('https://[fd00::5]:8443/x')).toBe('fd00::5');
    expect(connectHost('10.0.0.1')).toBe('10.0.0.1');
  });
});

describe('field rules (one definition for every entry)', () => {
  it('refuses 999.1.1.1 as an IP, saying why and what to enter', () => {
    expect(ipProblem('999.1.1.1')).toMatch(/"999\.1\.1\.1" is not an IPv4 address: each of its four numbers is 0 to 255/);
    expect(ipProblem('not-an-ip')).toMatch(/is not an IP address: enter an IPv4 address/);
    for (const ok of ['10.66.33.15', 'fd00::5', 'https://www.gmail.com', 'localhost']) expect(ipProblem(ok), ok).toBeNull();
  });

  it('refuses a 100,000-character hostname with its length and the limit', () => {
    expect(hostnameProblem(HUGE_HOSTNAME)).toMatch(/100,000 characters long; at most 2,048|100,000 characters long; a hostname has at most 253/);
    expect(hostnameProblem('a'.repeat(300))).toMatch(/300 characters long; a hostname has at most 253/);
    expect(hostnameProblem('my host')).toMatch(/"my host" is not a valid hostname/);
    expect(hostnameProblem('gmail')).toBeNull();
  });

  it('usernames: any printable text up to 256 characters, never a control character', () => {
    for (const ok of ['root', 'CORP\\svc sql', 'me@example.com', "o'neil; $(x)", 'jürgen']) expect(usernameProblem(ok), ok).toBeNull();
    expect(usernameProblem('/etc/hostnam\t;touch /tmp/x;#')).toMatch(/contains a TAB \(at position 13\)/);
    expect(usernameProblem('a\u0085b')).toMatch(/U\+0085/);
    expect(usernameProblem('u'.repeat(257))).toMatch(/257 characters long; at most 256/);
    expect(usernameProblem('-d')).toMatch(/starts with "-", which commands on the device would read as an option/);
  });

  it('tags: no control characters, at most 100 characters each and 100 in a list', () => {
    expect(tagListProblem('prod, linux ,db')).toBeNull();
    expect(tagListProblem('ok,bad\u001b[31m')).toMatch(/ESC character/);
    expect(tagListProblem(Array.from({ length: 101 }, (_, i) => `t${i}`).join(','))).toMatch(/101 tags; at most 100/);
    expect(tagListProblem('x'.repeat(101))).toMatch(/101 characters long/);
  });

  it('control characters: C0 with TAB, DEL and C1 are found; other text is not', () => {
    for (const code of [0x00, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f]) expect(findControlCharacter(`a${String.fromCharCode(code)}`), code.toString(16)).not.toBeNull();
    for (const text of ['plain', 'ümlaut ¡ ß', '日本', ' !~', '\u00a0', '😀']) expect(findControlCharacter(text), text).toBeNull();
  });

  it('a generated password never holds one: every alphabet it draws from is printable', () => {
    const alphabet = LOWERCASE_ALPHABET + UPPERCASE_ALPHABET + DIGIT_ALPHABET + ALLOWABLE_SYMBOLS;
    expect(findControlCharacter(alphabet)).toBeNull();
    expect(alphabet).not.toContain(' ');
  });
});
