import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CredentialsTables } from '../../../main/credentials/credential-tables';
import { credentialApiResponseSchema } from '../../../shared/domain/credential-api-response';
import { credentialErrorResponse, credentialSuccessResponse, permissionDeniedResponse } from '../../../main/credentials/credential-response';
import { newCredentialIdentifier } from '../../../main/credentials/credential-identifier';

describe('credential API responses', () => {
  it('1039: the router answers a caller without write permission with this builder', () => {
    const response = permissionDeniedResponse('senhasegura');
    expect(response).toMatchObject({
      code: 400,
      tenant: 'senhasegura',
      response: { status: 400, message: '1039: Without PAM Configuration Access permission', error: true, error_code: 1039, erro: true, cod_erro: 1039 },
    });
    expect(credentialApiResponseSchema.parse(response)).toEqual(response);
  });

  it('success and error responses match the seed shape', () => {
    expect(credentialApiResponseSchema.safeParse(credentialSuccessResponse('created', { id: 152, identifier: 'x' })).success).toBe(true);
    expect(credentialSuccessResponse('updated', { id: 152, identifier: 'x' }).credential).toEqual({ id: '152', identifier: 'x' });
    expect(credentialApiResponseSchema.safeParse(credentialErrorResponse(1011)).success).toBe(true);
  });
});

describe('newCredentialIdentifier', () => {
  it('is a UUIDv7 whose first 48 bits are the creation time, so identifiers sort by creation', () => {
    const at = Date.parse('2024-06-03T12:00:00Z');
    const id = newCredentialIdentifier(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    expect(newCredentialIdentifier(at + 1) > id).toBe(true);
    expect(newCredentialIdentifier(at)).not.toBe(id);
  });
});

describe('asCredentialsDb', () => {
  it('narrows a Kysely over the vault\'s wider Database to the credential tables', async () => {
    const { openTestVault } = await import('./test-db');
    const { asCredentialsDb } = await import('../../../main/credentials/credentials-db');
    const { queryCredentials } = await import('../../../main/credentials/query-credentials');
    const vault = await openTestVault();
    type Wider = CredentialsTables & { users: { id: number } };
    const wide = vault.db as unknown as Kysely<Wider>;
    expect((await queryCredentials(asCredentialsDb(wide), {})).total).toBe(0);
    await vault.close();
  });
});
