import { describe, expect, it } from 'vitest';
import { escapeParamValue, formatSyslog, headerField } from '../../../main/siem/syslog-format';
import { octetCountedFrame } from '../../../main/siem/siem-transport';
import { redactText } from '../../../main/siem/final-redaction';

const base = { facility: 13, severity: 'notice', timestamp: new Date('2024-05-01T12:00:00.123Z'), hostname: 'desk 01', appName: 'pamdesk', procId: '42', msgId: 'credential.reveal' } as const;

describe('RFC 5424 formatting', () => {
  it('builds PRI, VERSION, a timestamp with offset, printable header fields and escaped SD-PARAMs', () => {
    const text = formatSyslog({ ...base, structuredData: { id: 'pamdesk@32473', params: { actor: 'a"b\\c]d', object: null, entry: 7 } }, msg: 'hello' });
    expect(text).toMatch(/^<109>1 2024-05-01T\d\d:\d\d:00\.123[+-]\d\d:\d\d desk01 pamdesk 42 credential\.reveal \[pamdesk@32473 actor="a\\"b\\\\c\\]d" entry="7"\] hello$/);
    expect(escapeParamValue('"\\]')).toBe('\\"\\\\\\]');
  });

  it('uses NILVALUE for empty fields, caps MSGID at 32, and marks a non-ASCII MSG with the BOM', () => {
    expect(headerField('', 32)).toBe('-');
    expect(headerField('x'.repeat(40), 32)).toHaveLength(32);
    const text = formatSyslog({ ...base, hostname: '', structuredData: null, msg: 'José' });
    expect(text).toContain(' - pamdesk 42 credential.reveal - \uFEFFJosé');
    expect(() => formatSyslog({ ...base, facility: 24, structuredData: null, msg: '' })).toThrow(/facility 24/);
  });

  it('frames TCP messages by octet count (RFC 6587), counting UTF-8 bytes', () => {
    expect(octetCountedFrame('é').toString('utf8')).toBe('2 é');
  });

  it('scrubs private keys and password assignments in the final pass', () => {
    expect(redactText('key -----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY----- end')).toBe('key [redacted] end');
    expect(redactText('failed: password=hunter2 and Secret: "x y"')).toBe('failed: password=[redacted] and Secret: [redacted]');
  });
});
