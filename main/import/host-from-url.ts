import { isIP } from 'node:net';

export interface ImportHost {
  readonly hostname: string;
  /** The address pamdesk connects to: the IP when one is known, else the DNS name. */
  readonly ip: string;
  /** "SSH:22"-style, when the URL's scheme names a protocol pamdesk knows. */
  readonly connectivities: string | null;
}

const PROTOCOLS: Readonly<Record<string, { readonly name: string; readonly port: number }>> = {
  ssh: { name: 'SSH', port: 22 },
  sftp: { name: 'SSH', port: 22 },
  rdp: { name: 'RDP', port: 3389 },
  telnet: { name: 'TELNET', port: 23 },
};

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_-]{1,63})*\.?$/;

/**
 * Password managers keep a URL; a vault needs a device (hostname + ip). The URL's host is used:
 * an IP becomes the ip and, as hostname, the entry's title when that is a valid host name (else the
 * IP itself); a DNS name is both hostname and ip (the connect address), since no IP is known.
 * Without a URL, a title that is a valid host name or IP stands in. Returns null when neither works.
 */
export function hostFromEntry(url: string, title: string): ImportHost | null {
  const parsed = parseHost(url);
  if (parsed !== null) {
    if (isIP(parsed.host) !== 0) {
      const name = title.trim();
      return { hostname: HOSTNAME.test(name) && isIP(name) === 0 ? name : parsed.host, ip: parsed.host, connectivities: parsed.connectivities };
    }
    return { hostname: parsed.host, ip: parsed.host, connectivities: parsed.connectivities };
  }
  const name = title.trim();
  if (isIP(name) !== 0 || HOSTNAME.test(name)) return { hostname: name, ip: name, connectivities: null };
  return null;
}

function parseHost(text: string): { readonly host: string; readonly connectivities: string | null } | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `unknown://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === '' || (isIP(host) === 0 && !HOSTNAME.test(host))) return null;
  const protocol = PROTOCOLS[url.protocol.replace(/:$/, '').toLowerCase()];
  const connectivities = protocol ? `${protocol.name}:${url.port === '' ? protocol.port : url.port}` : null;
  return { host, connectivities };
}

/** otpauth://totp/...?secret=BASE32 (KeePassXC, Bitwarden) or a bare base32 seed → the seed. */
export function totpSeed(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (!/^otpauth:\/\//i.test(trimmed)) return trimmed.replace(/\s+/g, '');
  try {
    return new URL(trimmed).searchParams.get('secret');
  } catch {
    return null;
  }
}
