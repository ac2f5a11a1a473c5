import { describe, expect, it } from 'vitest';
import { credentialsDb } from '../../../main/core/handlers/vault-access';
import { loadCredentialRows, loadCredentialViews, toCredentialView } from '../../../main/credentials/credential-view-mapper';
import { useBulkWorld } from './bulk-fixture';

const world = useBulkWorld();

describe('loadCredentialViews (bulk review and approval)', () => {
  it('gives the same views as the row loader, without reading a sealed column', async () => {
    const w = await world();
    const ids = [
      await w.addCredential({ identifier: 'full', username: 'root', content: 'S3cret-1', tags: 'linux,prod', domain: 'corp.example', additional: 'a "quoted" note, with , commas', notes: 'line 1\nline 2 ✓', additional_settings: { secret_key: 'JBSWY3DPEHPK3PXP', criticality: 'high' }, execution_settings: { use_own_credential_to_connect: true } }),
      await w.addCredential({ identifier: 'bare', username: 'app' }),
      await w.addCredential({ identifier: 'inactive', username: 'db', status: 'inactive', needs_human_interaction: true, expires_at: '2030-01-01T00:00:00.000Z' }),
    ];
    const db = credentialsDb(w.core.sessions);
    const expected = (await loadCredentialRows(db, ids)).map(toCredentialView);
    const views = await loadCredentialViews(db, [...ids, 999_999]);
    expect(views.sort((a, b) => a.id - b.id)).toEqual(expected.sort((a, b) => a.id - b.id));
    expect(views.map((v) => [v.has_content, v.additional_settings.has_secret_key])).toEqual([
      [true, true],
      [false, false],
      [false, false],
    ]);
  });
});
