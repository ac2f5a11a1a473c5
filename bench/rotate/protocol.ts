import type { TemplateExecutor } from '../../shared/domain/template';

/** One account the bench rotates: its name and the password the target holds now. */
export interface BenchAccount {
  readonly username: string;
  readonly password: string;
}

/** A real server holding the bench's accounts, reached over one protocol. */
export interface RotateTarget {
  readonly host: string;
  readonly port: number;
  /** The device's connectivities for pamdesk, e.g. "SSH:40123". */
  readonly connectivities: string;
  /**
   * What pamdesk must trust before it sends anything (an SSH host key, an LDAP certificate pin), with
   * device.trustHostKey's protocol when it is not SSH; null for protocols without one.
   */
  readonly pin: { readonly fingerprint: string; readonly protocol?: string } | null;
  /** The name an account logs in with (its DN on a directory; the bench's account name elsewhere). */
  loginName(username: string): string;
  /** The most sessions the server accepts at once; higher concurrencies are skipped with this reason. */
  readonly maxConcurrency: { readonly limit: number; readonly reason: string } | null;
  /** Sets the accounts' passwords out of band (as the server's administrator), between passes. */
  setPasswords(accounts: readonly BenchAccount[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * What pamdesk runs for the protocol's rotations: a template already in the vault (a built-in) by
 * name, or one saved first under `name` with this executor and body.
 */
export interface BenchTemplate {
  readonly name: string;
  readonly save?: { readonly executor: TemplateExecutor; readonly body: string };
}

/**
 * One protocol of bench/rotate: how to start its real server with the accounts, the bare floor
 * (the client library alone doing login + change + fresh login, no pamdesk around it), and the
 * plugin and template pamdesk rotates with. Adding a protocol is one module implementing this,
 * listed in protocols/index.ts. T is the protocol's own target, for what its floor needs beyond a
 * host and port (a certificate to trust).
 */
export interface RotateProtocol<T extends RotateTarget = RotateTarget> {
  /** The --plugin value and pamdesk's change_plugin (shared/domain/executors.ts), e.g. "SSH". */
  readonly plugin: string;
  /** Why it cannot run on this machine (a package missing), or null. */
  missing(): string | null;
  start(accounts: readonly BenchAccount[]): Promise<T>;
  /** The floor for one account: rejects unless the change happened and the new password logs in. */
  bareRotation(target: T, username: string, current: string, next: string): Promise<void>;
  readonly template: BenchTemplate;
}
