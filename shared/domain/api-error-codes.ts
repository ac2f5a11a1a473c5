/**
 * The error codes and messages of Segura's "POST | Update credential" API (seed 004), plus a small,
 * clearly separated range of pamdesk-local codes for conditions the seed does not name. Main builds
 * its responses from this table and the renderer's credential editor shows the same texts, so an
 * operator sees one message for one problem wherever it is detected.
 */
export interface ApiErrorDescription {
  /** The seed's message text, without the "NNNN: " prefix. */
  readonly text: string;
  /** What the operator should do about it. */
  readonly solution: string;
}

export const SEGURA_CREDENTIAL_ERRORS = {
  1004: {
    text: "The device's hostname was not informed",
    solution: "Send the device's hostname parameter and resend the request.",
  },
  1005: {
    text: "The device's IP was not informed",
    solution: "Send the device's ip parameter and resend the request.",
  },
  1011: {
    text: 'Device not found',
    solution: 'Register the device (hostname and IP) first, or correct hostname and ip.',
  },
  1029: {
    text: 'It is not possible to enter a domain that has not been previously registered',
    solution:
      'Register the domain first, or correct device_domain; separate several domains with commas and no spaces, e.g. testlab.com,demo.lab.com.',
  },
  1039: {
    text: 'Without PAM Configuration Access permission',
    solution: 'Ask an administrator to grant you read and write permission on PAM Core credentials.',
  },
  1042: {
    text: 'Invalid username',
    solution: 'Send the username parameter (an empty string is accepted and becomes "usr").',
  },
  1046: {
    text: 'Plugin not informed',
    solution: 'Provide the plugin for the enabled action (change, reconciliation, JIT creation, deletion, enablement or disablement).',
  },
  1047: {
    text: 'Template plugin not informed',
    solution: 'Provide the template for the enabled action (change, reconciliation, JIT creation, deletion, enablement or disablement).',
  },
  1053: {
    // The seed's wording; the rule it describes also allows "." (see IDENTIFIER_PATTERN).
    text: 'The identifier can only contain letters, numbers, "_" and "-".',
    solution: 'Use only letters, numbers, "_", "-" and "." in the identifier.',
  },
} as const satisfies Record<number, ApiErrorDescription>;

/**
 * pamdesk-local codes (9xxx, outside Segura's numbering) for request problems the seed leaves
 * unnamed. They are answered with the same 400 response shape.
 */
export const PAMDESK_CREDENTIAL_ERRORS = {
  9001: {
    text: 'Invalid request',
    solution: 'Correct the fields named in the detail and resend the request.',
  },
  9002: {
    text: 'Parent credential not found',
    solution:
      'Send the id of an existing credential other than this one in parent_password, or name one in execution_settings.parent_credential (its identifier, or its username with parent_hostname and parent_ip).',
  },
  9003: {
    text: 'Another credential already has this username on this device',
    solution: 'Update that credential instead, or use another username.',
  },
  9004: {
    text: 'Domain already registered',
    solution: 'Use the registered domain, or register a different name.',
  },
  // Issue 11: a highly critical credential's criticality lowered, or its execution settings or
  // parent changed, waits for an approver as a one-credential bulk Edit request.
  9007: {
    text: 'Change sent for approval',
    solution: 'An approver must accept it in Approvals before it applies; the other fields were saved.',
  },
  9008: {
    text: 'Change cannot be sent for approval',
    solution: 'Send only changes an approval request can carry (criticality, parent, change and reconciliation plugin and template, authentication, automatic change).',
  },
  // 9010-9019: no silent overwrite, devices edited by id, archive and delete (issue 12).
  9010: {
    text: 'A credential with this identifier already exists',
    solution: 'Open that credential to edit it, or choose another identifier for the new one.',
  },
  9011: {
    text: 'A credential with this username already exists on this device',
    solution: 'Open that credential to edit it, or use another username or device for the new one.',
  },
  9012: {
    text: 'Not found',
    solution: 'Reload the list: it may have been merged or deleted by someone else.',
  },
  9013: {
    text: 'Another device already has this hostname and IP',
    solution: 'Use another hostname or IP, or merge the two devices if they are the same machine.',
  },
  9014: {
    text: 'The devices cannot be merged: a username would be on the kept device twice',
    solution: 'Rename, archive or delete one of the credentials named in the detail, then merge again.',
  },
  9015: {
    text: 'An operation is open',
    solution: 'Wait until the operation named in the detail ends, or cancel it in Operations, then try again.',
  },
  9016: {
    text: 'Archived',
    solution: 'Restore it from the Archived list first.',
  },
  9017: {
    text: 'Other records depend on it',
    solution: 'Move, archive or delete what the detail names first (or choose another template or policy for those credentials), then try again.',
  },
  9018: {
    text: 'Built-in templates cannot be deleted',
    solution: 'Deactivate or archive the built-in template instead.',
  },
  9019: {
    text: 'Already in that state',
    solution: 'Reload the list: someone may have archived or restored it already.',
  },
  // 91xx: execution settings checked at save (seed 004: a plugin and template "must exist and be
  // registered"). Checked on the settings as they will be stored, after 1046/1047.
  9101: {
    text: 'Plugin not registered',
    solution: 'Choose a registered plugin (today: SSH) for the change or reconciliation.',
  },
  9102: {
    text: 'Template not found',
    solution: 'Choose an existing template; the Templates view lists them.',
  },
  9103: {
    text: 'Template inactive',
    solution: 'Activate the template in the Templates view, or choose an active one.',
  },
  9104: {
    text: 'Template does not fit this action',
    solution: "Choose a template of the plugin's executor and of the action's type (a change template for the change, a reconciliation template for the reconciliation).",
  },
  9105: {
    text: 'Authentication credential not informed',
    solution: 'Name the authentication credential (and its hostname and IP), or turn on use_own_credential_to_connect.',
  },
  9106: {
    text: 'Authentication credential not found',
    solution: 'Name an existing credential: its identifier, or its username with authentication_hostname and authentication_ip.',
  },
  9107: {
    text: 'Reconciliation credential not informed',
    solution: 'Name the reconciliation credential (and its hostname and IP), or turn reconciliation (status) off.',
  },
  9108: {
    text: 'Reconciliation credential not found',
    solution: 'Name an existing credential: its identifier, or its username with reconciliation_hostname and reconciliation_ip.',
  },
  9109: {
    text: 'Parent credential cycle',
    solution: 'Choose a parent that is not this credential nor one of its children (directly or further down).',
  },
  9005: {
    text: 'Invalid hostname',
    solution: 'Send an RFC 1123 host name (letters, digits, hyphens, underscores and dots, at most 253 characters) or a URL such as https://www.example.com.',
  },
  9006: {
    text: 'Invalid IP address',
    solution: 'Send an IPv4 address (10.0.0.5), an IPv6 address (fd00::5) or a URL such as https://www.example.com (ssh://db01.example.com for a device known only by name).',
  },
} as const satisfies Record<number, ApiErrorDescription>;

export const CREDENTIAL_API_ERRORS = { ...SEGURA_CREDENTIAL_ERRORS, ...PAMDESK_CREDENTIAL_ERRORS } as const;

export type CredentialApiErrorCode = keyof typeof CREDENTIAL_API_ERRORS;

/** The seed's message format: "1004: The device's hostname was not informed". */
export function formatApiErrorMessage(code: CredentialApiErrorCode): string {
  return `${code}: ${CREDENTIAL_API_ERRORS[code].text}`;
}
