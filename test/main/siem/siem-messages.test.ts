import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signAuditHash, verifyAuditSignature } from '../../../main/audit/audit-signing';
import { auditSyslog, type AuditRowForSiem } from '../../../main/siem/siem-messages';

const ORIGIN = { facility: 13, hostname: 'desk01', procId: '42' };

function sdParams(message: string): Record<string, string> {
  const sd = /\[pamdesk@32473 ([^\]]*)\]/.exec(message)?.[1] ?? '';
  return Object.fromEntries([...sd.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

describe('audit entries as SIEM messages', () => {
  it('carry the sequence number, hash, signer and a signature the SIEM can check with the public key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const hash = 'ab'.repeat(32);
    const row: AuditRowForSiem = { id: 1234, at: '2026-01-02T03:04:05.000Z', actor: 'olga', shell: 'desktop', action: 'credential.reveal', object_type: 'credential', object_id: '7', details: '{"purpose":"view"}', hash, signer: 'olga', signature: signAuditHash(privateKey, 'olga', hash) };
    const message = auditSyslog(row, ORIGIN);
    expect(message).toMatch(/^<109>1 \S+ desk01 pamdesk 42 credential\.reveal \[pamdesk@32473 /);
    const params = sdParams(message);
    expect(params).toMatchObject({ actor: 'olga', entry: '1234', hash, signer: 'olga' });
    expect(verifyAuditSignature(publicKey, params['signer'] ?? '', params['hash'] ?? '', params['signature'] ?? '')).toBe(true);
  });

  it('leave signer and signature out for entries from before signatures', () => {
    const message = auditSyslog({ id: 1, at: '2026-01-02T03:04:05.000Z', actor: 'system', shell: 'system', action: 'vault.lock', object_type: null, object_id: null, details: 'null', hash: 'cd'.repeat(32), signer: null, signature: null }, ORIGIN);
    expect(Object.keys(sdParams(message))).toEqual(['actor', 'shell', 'entry', 'hash']);
  });
});
