import { describe, expect, it } from 'vitest';
import { CREDENTIAL_API_ERRORS, formatApiErrorMessage, SEGURA_CREDENTIAL_ERRORS } from '../../../shared/domain/api-error-codes';
import { formatConnectivityList, parseConnectivityList } from '../../../shared/domain/connectivity-list';
import { parseDeviceDomainList } from '../../../shared/domain/device-domain-list';
import { formatTagList, parseTagList } from '../../../shared/domain/tag-list';

describe('error code table', () => {
  it('holds every code of seed 004 with its message', () => {
    expect(Object.keys(SEGURA_CREDENTIAL_ERRORS).map(Number)).toEqual([1004, 1005, 1011, 1029, 1039, 1042, 1046, 1047, 1053]);
    expect(formatApiErrorMessage(1039)).toBe('1039: Without PAM Configuration Access permission');
    expect(formatApiErrorMessage(1011)).toBe('1011: Device not found');
    for (const entry of Object.values(CREDENTIAL_API_ERRORS)) expect(entry.solution.length).toBeGreaterThan(10);
  });
});

describe('lists', () => {
  it('tags: trimmed, non-empty, deduplicated, in order', () => {
    expect(parseTagList(' social, prod,,social ')).toEqual(['social', 'prod']);
    expect(parseTagList(null)).toEqual([]);
    expect(formatTagList(['a', 'b'])).toBe('a,b');
  });

  it('device_domain: commas without spaces', () => {
    expect(parseDeviceDomainList('testlab.com,demo.lab.com')).toEqual({ ok: true, names: ['testlab.com', 'demo.lab.com'] });
    expect(parseDeviceDomainList('')).toEqual({ ok: true, names: [] });
    expect(parseDeviceDomainList('testlab.com, demo.lab.com').ok).toBe(false);
    expect(parseDeviceDomainList('a,').ok).toBe(false);
  });

  it('connectivities: protocol:port', () => {
    const parsed = parseConnectivityList('SSH:22, RDP:3389,SQL Server:1433');
    expect(parsed).toEqual({ ok: true, connectivities: [{ protocol: 'SSH', port: 22 }, { protocol: 'RDP', port: 3389 }, { protocol: 'SQL Server', port: 1433 }] });
    expect(parsed.ok && formatConnectivityList(parsed.connectivities)).toBe('SSH:22,RDP:3389,SQL Server:1433');
    expect(parseConnectivityList('SSH').ok).toBe(false);
    expect(parseConnectivityList('SSH:0').ok).toBe(false);
  });
});
