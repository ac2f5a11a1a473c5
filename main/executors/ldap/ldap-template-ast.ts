/**
 * A parsed LDAP template (Segura's LDAP syntax plus pamdesk's password-modify), and the same after
 * its tags are filled in. Line numbers are 1-based and point at the template's source.
 */

/** Text from the template that may hold tags, and where it starts (1-based column). */
export interface LdapText {
  readonly text: string;
  readonly column: number;
}

export type LdapModOperation = 'add' | 'delete' | 'replace';

export type LdapStep =
  /** Only the timeouts change what a run does; the protocol version is always 3. */
  | { readonly kind: 'set-option'; readonly line: number; readonly option: string; readonly seconds: number | null }
  /** Binds as this name (a DN, or what AD also binds: user@domain, DOMAIN\user) with the login's password; null: as the login's username. */
  | { readonly kind: 'bind'; readonly line: number; readonly name: LdapText | null }
  /** Searches the subtree of `base`; exactly one entry must match, and it is what later steps change. */
  | { readonly kind: 'find'; readonly line: number; readonly base: LdapText; readonly filter: LdapText }
  /** One change of the found entry; consecutive mod lines are one modify request (atomic). */
  | { readonly kind: 'mod'; readonly line: number; readonly operation: LdapModOperation; readonly attribute: string; readonly value: LdapText | null; readonly unicodePwd: boolean }
  /** RFC 3062 password modify: the server hashes the new password by its own policy. */
  | { readonly kind: 'password-modify'; readonly line: number; readonly newPassword: LdapText; readonly oldPassword: LdapText | null };

export type LdapStepKind = LdapStep['kind'];

/** One attribute change, with its values as sent (unicodePwd as UTF-16LE bytes). */
export interface RenderedChange {
  readonly line: number;
  readonly operation: LdapModOperation;
  readonly attribute: string;
  readonly values: readonly Buffer[];
  /** The change as the dry run shows it; secrets are masked later by value. */
  readonly display: string;
}

export type RenderedLdapStep =
  /** null: the login's own username. */
  | { readonly kind: 'bind'; readonly line: number; readonly name: string | null }
  | { readonly kind: 'find'; readonly line: number; readonly base: string; readonly filter: string }
  | { readonly kind: 'modify'; readonly line: number; readonly changes: readonly RenderedChange[] }
  | { readonly kind: 'password-modify'; readonly line: number; readonly newPassword: string; readonly oldPassword: string | null };

export interface LdapTimeouts {
  readonly connectTimeoutMs: number;
  readonly operationTimeoutMs: number;
}
