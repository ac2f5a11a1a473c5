import type { CredentialApiErrorCode } from '../../shared/domain/api-error-codes';

/**
 * What each credential rule code means to a person at the editor, in the form's own labels. The
 * seed's texts (shared/domain/api-error-codes.ts) stay as they are for the API body and the CLI,
 * which speak in parameters and requests; here the same rule is said in the window's terms, and
 * the code travels beside it as a secondary detail. Typed over every code, so a new code cannot
 * reach the window without words.
 */
export const SEED_CODE_WORDS: Readonly<Record<CredentialApiErrorCode, { readonly what: string; readonly todo: string }>> = {
  1004: { what: 'The hostname is missing.', todo: "Enter the device's Hostname." },
  1005: { what: 'The IP is missing.', todo: "Enter the device's IP." },
  1011: { what: 'No device has this hostname and IP.', todo: 'Add the device first in Devices, or correct Hostname and IP.' },
  1029: { what: 'The domain is not registered.', todo: 'Register it in Devices (Domains) first, or correct Domain; separate several domains with commas and no spaces.' },
  1039: { what: 'Your role cannot change credentials.', todo: 'Ask an administrator to give you a role that can (operator or administrator).' },
  1042: { what: 'The username is not valid.', todo: 'Correct Username (leave it empty to save it as "usr").' },
  1046: { what: 'An action is on but has no plugin.', todo: 'Choose its plugin on the Execution tab, or turn the action off.' },
  1047: { what: 'An action is on but has no template.', todo: 'Choose its template on the Execution tab, or turn the action off.' },
  1053: { what: 'The identifier has characters that are not allowed.', todo: 'Use only letters, numbers, "_", "-" and "." in Identifier.' },
  9001: { what: 'Some values are not valid.', todo: 'Correct the fields marked and save again.' },
  9002: { what: 'The parent credential was not found.', todo: 'Choose an existing credential as Parent credential.' },
  9003: { what: 'Another credential already has this username on this device.', todo: 'Open that credential instead, or use another Username.' },
  9004: { what: 'This domain is already registered.', todo: 'Use the registered domain, or register a different name.' },
  9101: { what: 'The plugin is not one pamdesk has.', todo: 'Choose SSH as the plugin on the Execution tab.' },
  9102: { what: 'The template was not found.', todo: 'Choose an existing template; the Templates view lists them.' },
  9103: { what: 'The template is inactive.', todo: 'Activate it in Templates, or choose an active one.' },
  9104: { what: 'The template does not fit this action.', todo: 'Choose a change template for the change and a reconciliation template for the reconciliation.' },
  9105: { what: 'No authentication credential is chosen.', todo: 'Choose the Authentication credential, or tick "Use own credential to connect".' },
  9106: { what: 'The authentication credential was not found.', todo: 'Choose an existing credential as Authentication credential.' },
  9107: { what: 'No reconciliation credential is chosen.', todo: 'Choose the Reconciliation credential, or untick "Reconcile after a failed change".' },
  9108: { what: 'The reconciliation credential was not found.', todo: 'Choose an existing credential as Reconciliation credential.' },
  9109: { what: 'That parent would make a loop of parents.', todo: 'Choose a Parent credential that is not this credential nor one of its children.' },
  9005: { what: 'The hostname is not valid.', todo: 'Enter a host name (letters, digits, "-", "_" and dots) or a URL such as https://www.example.com as Hostname.' },
  9006: { what: 'The IP is not valid.', todo: 'Enter an IPv4 address (10.0.0.5), an IPv6 address (fd00::5) or a URL as IP.' },
  9007: { what: 'This change of a highly critical credential was sent for approval.', todo: 'An approver must accept it in Approvals before it applies; the other fields were saved.' },
  9010: { what: 'A credential with this identifier already exists.', todo: 'Open that credential to edit it, or choose another Identifier for the new one.' },
  9011: { what: 'A credential with this username already exists on this device.', todo: 'Open that credential to edit it, or use another Username or device.' },
  9012: { what: 'It is no longer there.', todo: 'Reload the list: someone may have merged or deleted it.' },
  9013: { what: 'Another device already has this hostname and IP.', todo: 'Use another Hostname or IP, or merge the two devices if they are the same machine.' },
  9014: { what: 'The devices cannot be merged: a username would be on the kept device twice.', todo: 'Rename, archive or delete one of the credentials named, then merge again.' },
  9015: { what: 'An operation is still open for it.', todo: 'Wait until that operation ends, or cancel it in Operations, then try again.' },
  9016: { what: 'It is archived.', todo: 'Restore it from the Archived list first.' },
  9017: { what: 'Other records depend on it.', todo: 'Move, archive or delete what is named first, then try again.' },
  9018: { what: 'Built-in templates cannot be deleted.', todo: 'Deactivate or archive the built-in template instead.' },
  9019: { what: 'It is already in that state.', todo: 'Reload the list: someone may have archived or restored it already.' },
  9008: { what: 'This setting cannot be sent for approval.', todo: 'Save the criticality, parent, plugins, templates, authentication and automatic change separately from other execution settings.' },
};
