/**
 * What the credential's sealed `content` holds: a password, a PIN, or an SSH private key (PEM).
 * The seed knows only passwords; kind is a pamdesk extension that defaults to "password".
 */
export const CREDENTIAL_KINDS = ['password', 'ssh_key', 'pin'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const CREDENTIAL_STATUSES = ['active', 'inactive'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/** Whether the vault's secret is known to match the target (filled by verification/rotation). */
export const IN_SYNC_STATES = ['unknown', 'InSync', 'NotInSync'] as const;
export type InSyncState = (typeof IN_SYNC_STATES)[number];

export const DEFAULT_CREDENTIAL_TYPE = 'Local User';
/** Seed 004: an empty username "will be automatically changed to the default value usr". */
export const DEFAULT_USERNAME = 'usr';
/** Seed 004: "letters (a-z, A-Z), numbers (0-9), underscore (_), hyphen (-), and period (.)". */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9_.-]+$/;
/** A UUID is 36; this leaves room for readable identifiers while keeping messages and keys short. */
export const IDENTIFIER_MAX_LENGTH = 200;
