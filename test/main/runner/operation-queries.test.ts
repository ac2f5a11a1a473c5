import { describe, expect, it } from 'vitest';
import { websiteHost } from '../../../main/devices/device-website';
import { useBulkWorld, type BulkWorld } from '../bulk/bulk-fixture';

const world = useBulkWorld();

/** A credential on its own device, with one verify operation; returns the operation's code. */
async function operationOn(w: BulkWorld, device: { hostname: string; ip: string; device_tags?: string; connectivities?: string }, credentialTags?: string): Promise<string> {
  await w.call('admin', 'device.upsert', device);
  const id = Number(
    (await w.call('admin', 'credential.upsert', { hostname: device.hostname, ip: device.ip, username: 'svc', identifier: `svc-${device.ip.replace(/\./g, '-')}`, content: 'x', ...(credentialTags ? { tags: credentialTags } : {}) })).credential?.id,
  );
  return (await w.call('olga', 'operation.requestVerify', { credentialIds: [id] })).scheduled[0]?.code ?? '';
}

const codes = async (w: BulkWorld, filter: { tags?: string[]; website?: string }) => (await w.call('olga', 'operation.list', filter)).rows.map((r) => r.code).sort();

describe('operation.list: the Tags filter matches whole tags of the device', () => {
  it('"prod" finds the device tagged prod, not the one tagged production, nor a credential tagged prod', async () => {
    const w = await world();
    const prod = await operationOn(w, { hostname: 'db-prod', ip: '10.1.0.1', device_tags: 'eu,prod' });
    const production = await operationOn(w, { hostname: 'db-production', ip: '10.1.0.2', device_tags: 'production' });
    const credentialOnly = await operationOn(w, { hostname: 'db-test', ip: '10.1.0.3', device_tags: 'test' }, 'prod');
    expect(await codes(w, { tags: ['prod'] })).toEqual([prod]);
    expect(await codes(w, { tags: ['production'] })).toEqual([production]);
    expect(await codes(w, { tags: ['prod', 'test'] })).toEqual([prod, credentialOnly].sort());
    // LIKE wildcards are not wildcards here, and a part of a tag is not a tag.
    expect(await codes(w, { tags: ['pro%'] })).toEqual([]);
    expect(await codes(w, { tags: ['rod'] })).toEqual([]);
    expect(await codes(w, { tags: [' prod '] })).toEqual([prod]);
    expect((await w.call('olga', 'operation.get', { code: credentialOnly })).tags).toEqual(['test']);
  });
});

describe('operation.list: the Website filter', () => {
  it('finds devices reached over HTTP(S) or registered as a URL, by host or by a pasted URL; not SSH-only devices', async () => {
    const w = await world();
    const portal = await operationOn(w, { hostname: 'portal.example.com', ip: '10.2.0.1', connectivities: 'HTTPS:443,SSH:22' });
    const asUrl = await operationOn(w, { hostname: 'https://intranet.example.com', ip: '10.2.0.2' });
    await operationOn(w, { hostname: 'ssh.example.com', ip: '10.2.0.3', connectivities: 'SSH:22' });
    expect(await codes(w, { website: 'example.com' })).toEqual([portal, asUrl].sort());
    expect(await codes(w, { website: 'https://portal.example.com:443/login?next=/' })).toEqual([portal]);
    expect(await codes(w, { website: 'intranet' })).toEqual([asUrl]);
    expect(await codes(w, { website: 'ssh.example.com' })).toEqual([]);
    expect(await codes(w, { website: '10.2.0.1' })).toEqual([portal]);
    expect(await codes(w, { website: '%' })).toEqual([]);
  });

  it('keeps the host of a pasted URL', () => {
    expect(websiteHost(' HTTPS://Portal.example.com:8443/a/b#c ')).toBe('Portal.example.com');
    expect(websiteHost('portal.example.com')).toBe('portal.example.com');
    expect(websiteHost('10.0.0.1:8080')).toBe('10.0.0.1');
  });
});
