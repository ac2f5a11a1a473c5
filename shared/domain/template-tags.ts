/**
 * The tags a template may use, written [#NAME#] or [#NAME|filter#]. Segura's PAM Core tag table plus
 * COE_SENHA (the alias its public templates use for the sudo/enable password) and pamdesk's SSH-key
 * tags (Segura documents none). `secret` decides masking and where the tag may be placed.
 */
export interface TemplateTagInfo {
  readonly name: string;
  readonly secret: boolean;
  readonly description: string;
}

export const TEMPLATE_TAGS = [
  { name: 'USERNAME', secret: false, description: 'Username of the credential being changed.' },
  { name: 'NEW_PASSWORD', secret: true, description: 'The new password generated for this run.' },
  { name: 'CURRENT_PASSWORD', secret: true, description: "The credential's password as stored in the vault." },
  { name: 'AUTH_USER', secret: false, description: 'Username of the authentication credential that logs in.' },
  { name: 'AUTH_PASSWORD', secret: true, description: 'Password of the authentication credential.' },
  { name: 'AUTH_DOMAIN', secret: false, description: 'Domain of the authentication credential.' },
  { name: 'ADD_INFO', secret: false, description: 'The credential\'s "Additional information" field.' },
  { name: 'IP', secret: false, description: "The device's IP address." },
  { name: 'HOSTNAME', secret: false, description: "The device's hostname." },
  { name: 'DOMAIN', secret: false, description: "The device's domain." },
  { name: 'SERVER_PATH', secret: false, description: 'The credential\'s "server path".' },
  { name: 'TOTP_TOKEN', secret: true, description: "The current TOTP code (RFC 6238) from the credential's TOTP secret." },
  {
    name: 'COE_SENHA',
    secret: true,
    description: 'The password typed at sudo or enable: the authentication password when an authentication credential is used, else the current password.',
  },
  { name: 'NEW_PUBLIC_KEY', secret: false, description: 'The new SSH public key, "type base64" without a comment.' },
  { name: 'OLD_PUBLIC_KEY', secret: false, description: 'The SSH public key being replaced, "type base64" without a comment.' },
  { name: 'KEY_COMMENT', secret: false, description: 'The marker comment that identifies keys pamdesk manages.' },
] as const satisfies readonly TemplateTagInfo[];

export type BuiltinTagName = (typeof TEMPLATE_TAGS)[number]['name'];

export const BUILTIN_TAG_NAMES: ReadonlySet<string> = new Set(TEMPLATE_TAGS.map((tag) => tag.name));

/** Filters after a `|`: `sh` renders the value as one POSIX-shell single-quoted word. */
export const TEMPLATE_TAG_FILTERS = ['sh'] as const;
export type TemplateTagFilter = (typeof TEMPLATE_TAG_FILTERS)[number];

export function isBuiltinTagName(name: string): name is BuiltinTagName {
  return BUILTIN_TAG_NAMES.has(name);
}

export function isSecretBuiltinTag(name: string): boolean {
  return TEMPLATE_TAGS.some((tag) => tag.name === name && tag.secret);
}

/** Variable names are tags too, so they follow the tag spelling: upper case, digits, underscores. */
export const TEMPLATE_VARIABLE_NAME_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;
