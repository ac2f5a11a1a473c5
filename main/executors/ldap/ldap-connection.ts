import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { Client } from 'ldapts';
import type { SshFailure, SshTarget } from '../ssh/ssh-types';

/** The port where LDAP speaks TLS from the first byte (LDAPS); on any other port pamdesk sends StartTLS first. */
export const LDAPS_PORT = 636;

/**
 * The pin of a server certificate: SHA-256 over the leaf certificate's DER bytes, written as
 * OpenSSH writes host-key fingerprints ("SHA256:" and 43 base64 characters), so a device's LDAP
 * pin is trusted and compared like its SSH host key.
 */
export function certificateFingerprint(der: Buffer): string {
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}

export type LdapConnection =
  | { readonly ok: true; readonly client: Client; readonly fingerprint: string; readonly tls: 'ldaps' | 'starttls' }
  | { readonly ok: false; readonly failure: SshFailure };

export interface LdapConnectOptions {
  readonly connectTimeoutMs: number;
  readonly operationTimeoutMs: number;
}

/**
 * Opens a TLS session to the directory and checks the server's certificate against the device's
 * pin before anything else is sent: on port 636 TLS starts at once; on any other port the StartTLS
 * request goes first (no name, no password), and a server that refuses it gets no bind: pamdesk
 * never binds in clear. Node cannot verify a self-signed or private-CA certificate without its
 * chain, so the chain is not verified: the pin is the trust, as for an SSH host key, and a
 * certificate that is not exactly the pinned one is refused (host-key-untrusted when no pin is
 * set yet, host-key-changed when it differs, both with the presented fingerprint).
 */
export async function openLdapConnection(target: SshTarget, options: LdapConnectOptions): Promise<LdapConnection> {
  const tlsOptions: ConnectionOptions = {
    rejectUnauthorized: false,
    // SNI takes a host name only; an IP address must not be sent as one.
    ...(isIP(target.host) === 0 ? { servername: target.host } : {}),
    minVersion: 'TLSv1.2',
  };
  const where = `${target.host}:${target.port}`;
  const implicit = target.implicitTls === true || target.port === LDAPS_PORT;
  let socket: TLSSocket | undefined;
  let client: Client | undefined;
  try {
    if (implicit) {
      socket = await openTls({ ...tlsOptions, host: target.host, port: target.port }, options.connectTimeoutMs, where);
      const opened = socket;
      client = new Client({ url: `ldaps://${urlHost(target.host)}:${target.port}`, timeout: options.operationTimeoutMs, connectTimeout: options.connectTimeoutMs, createSecureConnection: (() => opened) as never });
    } else {
      let upgraded: TLSSocket | undefined;
      client = new Client({
        url: `ldap://${urlHost(target.host)}:${target.port}`,
        timeout: options.operationTimeoutMs,
        connectTimeout: options.connectTimeoutMs,
        createSecureConnection: ((connectOptions: ConnectionOptions) => {
          upgraded = tlsConnect({ ...connectOptions, ...tlsOptions });
          return upgraded;
        }) as never,
      });
      try {
        await client.startTLS({});
      } catch (error) {
        await client.unbind().catch(() => undefined);
        if (isConnectError(error)) return unreachable(`Cannot reach the LDAP service at ${where}: ${messageOf(error)}`);
        return {
          ok: false,
          failure: {
            kind: 'invalid-step',
            message: `${where} did not start TLS (StartTLS: ${messageOf(error)}), so nothing was sent: pamdesk does not bind in clear, where the password could be read on the network. Enable TLS on the server (StartTLS or LDAPS on 636), or set the device's LDAP port to its LDAPS port.`,
          },
        };
      }
      socket = upgraded;
    }
  } catch (error) {
    await client?.unbind().catch(() => undefined);
    socket?.destroy();
    return unreachable(`Cannot open a TLS session to ${where}: ${messageOf(error)}`);
  }
  const certificate = socket?.getPeerCertificate();
  if (certificate === undefined || certificate.raw === undefined) {
    await client.unbind().catch(() => undefined);
    return unreachable(`${where} presented no certificate.`);
  }
  const fingerprint = certificateFingerprint(certificate.raw);
  const refusal = pinRefusal(target, fingerprint, where);
  if (refusal !== null) {
    // Nothing was sent on this session: close it without even an unbind.
    socket?.destroy();
    return { ok: false, failure: refusal };
  }
  return { ok: true, client, fingerprint, tls: implicit ? 'ldaps' : 'starttls' };
}

function pinRefusal(target: SshTarget, fingerprint: string, where: string): SshFailure | null {
  if (target.pinnedFingerprint === null) {
    return {
      kind: 'host-key-untrusted',
      presentedFingerprint: fingerprint,
      message: `The LDAP server at ${where} is not trusted yet: it presented the certificate ${fingerprint}. Nothing was sent. Compare it with the server's (openssl x509 -noout -fingerprint -sha256 prints the same digest in hex), then trust it: pamdesk device trust HOSTNAME --protocol LDAP --fingerprint ${fingerprint}.`,
    };
  }
  if (target.pinnedFingerprint !== fingerprint) {
    return {
      kind: 'host-key-changed',
      presentedFingerprint: fingerprint,
      message: `The LDAP server at ${where} presented the certificate ${fingerprint}, not the pinned ${target.pinnedFingerprint}. Nothing was sent. If the server's certificate was renewed, check the new one and trust it again; otherwise someone may be in the middle.`,
    };
  }
  return null;
}

function openTls(options: ConnectionOptions, timeoutMs: number, where: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect(options);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TLS session within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new Error(`${error.message} (${where})`));
    });
  });
}

function unreachable(message: string): LdapConnection {
  return { ok: false, failure: { kind: 'unreachable', message } };
}

function isConnectError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'].includes(code) || /Connection timeout/.test(messageOf(error));
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}
