import { z } from 'zod';
import type { CredentialApiResponse } from '../domain/credential-api-response';
import { credentialGridQuerySchema, type CredentialFacets, type CredentialGridPage } from '../domain/credential-grid-query';
import type { CredentialView } from '../domain/credential-view';
import { deviceInputSchema, HOST_KEY_FINGERPRINT_PATTERN } from '../domain/device-input';
import { ARCHIVE_FILTERS } from '../domain/archive';
import type { DeviceView, DomainView } from '../domain/device-view';
import { auditExportRequestSchema, auditListRequestSchema, auditVerifyRequestSchema, type AuditChainVerdict, type AuditListEntry, type ExportedText } from './audit';
import { channel, noPayload, typed } from './channel-spec';

/** A credential is named by its numeric id or its identifier, as in the CLI. */
export const credentialRefSchema = z.union([z.number().int().positive(), z.string().min(1).max(200)]);

/** content is the password, the PIN or, for an SSH key, the private key. */
export const SECRET_FIELDS = ['content', 'totp_secret'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

export const revealRequestSchema = z
  .object({
    id: z.number().int().positive(),
    field: z.enum(SECRET_FIELDS).default('content'),
    /** Why the secret leaves main: shown on screen, or put on the clipboard. Both are audited. */
    purpose: z.enum(['view', 'copy']),
  })
  .strict();

export interface RevealedSecret {
  readonly secret: string;
  /** The clipboard is cleared after this many seconds, if it still holds the secret. */
  readonly clipboardClearSeconds: number;
}

export const copyRequestSchema = z.object({ id: z.number().int().positive(), field: z.enum(SECRET_FIELDS).default('content') }).strict();

/**
 * credential.copy: in the desktop app main puts the secret on the clipboard itself and clears it
 * (after the delay, on lock, on quit), so the secret never reaches the page; the host cannot reach
 * the browser's clipboard, so the page gets the secret to copy and must tell the user it cannot be
 * cleared.
 */
export type CopiedSecret =
  | { readonly by: 'main'; readonly clearSeconds: number }
  | { readonly by: 'page'; readonly secret: string; readonly clearSeconds: number };

export const credentialChannels = {
  'credential.query': channel({ request: credentialGridQuerySchema, response: typed<CredentialGridPage>(), requires: 'vault.read' }),
  'credential.facets': channel({ request: noPayload, response: typed<CredentialFacets>(), requires: 'vault.read' }),
  'credential.get': channel({ request: z.object({ ref: credentialRefSchema }).strict(), response: typed<CredentialView>(), requires: 'vault.read' }),
  // The body follows seed 004 and is validated by main with the seed's own error codes (1004, 1042,
  // ...), so here it only has to be a JSON object.
  'credential.upsert': channel({ request: z.record(z.string(), z.unknown()), response: typed<CredentialApiResponse>(), requires: 'credential.write' }),
  'credential.reveal': channel({ request: revealRequestSchema, response: typed<RevealedSecret>(), requires: 'credential.reveal' }),
  'credential.copy': channel({ request: copyRequestSchema, response: typed<CopiedSecret>(), requires: 'credential.reveal' }),

  'device.list': channel({ request: z.object({ archived: z.enum(ARCHIVE_FILTERS).optional() }).strict(), response: typed<readonly DeviceView[]>(), requires: 'vault.read' }),
  'device.upsert': channel({ request: deviceInputSchema, response: typed<DeviceView>(), requires: 'device.write' }),
  // Connects without authenticating and reports the key the device presents, for the trust dialog.
  // protocol: absent or SSH reads the SSH host key; LDAP the TLS certificate of its LDAP/LDAPS service.
  'device.probeHostKey': channel({
    request: z.object({ deviceId: z.number().int().positive(), protocol: z.string().trim().min(1).max(32).optional() }).strict(),
    response: typed<{ readonly fingerprint: string; readonly keyType: string; readonly pinned: string | null; readonly matches: boolean }>(),
    requires: 'device.write',
  }),
  'device.trustHostKey': channel({
    // protocol: absent or SSH pins the host key; another executor's name (LDAP) pins its TLS certificate.
    request: z
      .object({ deviceId: z.number().int().positive(), fingerprint: z.string().regex(HOST_KEY_FINGERPRINT_PATTERN, 'A fingerprint looks like SHA256: followed by 43 base64 characters.'), protocol: z.string().trim().min(1).max(32).optional() })
      .strict(),
    response: typed<DeviceView>(),
    requires: 'device.write',
  }),
  'domain.list': channel({ request: noPayload, response: typed<readonly DomainView[]>(), requires: 'vault.read' }),
  'domain.add': channel({
    request: z.object({ name: z.string().trim().min(1).max(253).regex(/^[^\s,]+$/, 'A domain name has no spaces or commas.'), description: z.string().max(500).optional() }).strict(),
    response: typed<DomainView>(),
    requires: 'domain.write',
  }),

  'audit.list': channel({ request: auditListRequestSchema, response: typed<readonly AuditListEntry[]>(), requires: 'audit.read' }),
  'audit.verify': channel({ request: auditVerifyRequestSchema, response: typed<AuditChainVerdict>(), requires: 'audit.read' }),
  'audit.export': channel({ request: auditExportRequestSchema, response: typed<ExportedText>(), requires: 'audit.read' }),
} as const;
