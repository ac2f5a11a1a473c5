import type { TemplateVariable } from '../../shared/domain/template';

/**
 * Everything a run knows that tags can refer to. Absent or null means "not known": a template
 * that uses the matching tag fails to render, naming the tag, rather than sending an empty value.
 */
export interface RenderContext {
  /** The credential being changed (or verified). */
  readonly credential: {
    readonly username: string;
    readonly currentPassword?: string | null;
    readonly additionalInfo?: string | null;
    readonly serverPath?: string | null;
    /** Base32 TOTP secret, for [#TOTP_TOKEN#]. */
    readonly totpSecret?: string | null;
  };
  readonly device: {
    readonly ip: string;
    readonly hostname: string;
    readonly domain?: string | null;
  };
  /** The credential that logs in when it is not the credential itself. */
  readonly authCredential?: {
    readonly username: string;
    readonly password?: string | null;
    readonly domain?: string | null;
  } | null;
  /** The generated candidate password for this run. */
  readonly newPassword?: string | null;
  /** For SSH-key rotation: OpenSSH public key lines ("type base64 [comment]") and the marker comment. */
  readonly sshKey?: {
    readonly newPublicKey?: string | null;
    readonly oldPublicKey?: string | null;
    readonly comment?: string | null;
  } | null;
  /** The template's declared variables with their values. */
  readonly variables?: readonly TemplateVariable[];
}
