import { isHostname, isIpAddress } from '../../shared/domain/network-address';

export interface ImportHost {
  readonly hostname: string;
  /** The IP when one is known, else a URL naming the host (the ip field takes only those). */
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

/**
 * Password managers keep a URL; a vault needs a device (hostname + ip). The URL's host is used:
 * an IP becomes the ip and, as hostname, the entry's title when that is a valid host name (else the
 * IP itself); a DNS name is the hostname, and the ip is the URL's scheme, host and port
 * ("ssh://db01.example.com:2222"; https:// when the entry gave no scheme, as password managers
 * open such entries), since no IP is known and an ip is an address or a URL (network-address.ts).
 * Without a URL, a title that is a valid host name or IP stands in. Returns null when neither works.
 */
export function hostFromEntry(url: string, title: string): ImportHost | null {
  const parsed = parseHost(url);
  if (parsed !== null) {
    if (isIpAddress(parsed.host)) {
      const name = title.trim();
      return { hostname: isHostname(name) && !isIpAddress(name) ? name : parsed.host, ip: parsed.host, connectivities: parsed.connectivities };
    }
    return { hostname: parsed.host, ip: parsed.origin, connectivities: parsed.connectivities };
  }
  const name = title.trim();
  if (isIpAddress(name)) return { hostname: name, ip: name, connectivities: null };
  if (isHostname(name)) return { hostname: name, ip: `https://${name.toLowerCase()}`, connectivities: null };
  return null;
}

function parseHost(text: string): { readonly host: string; readonly origin: string; readonly connectivities: string | null } | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === '' || (!isIpAddress(host) && !isHostname(host))) return null;
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  const protocol = PROTOCOLS[scheme];
  const connectivities = protocol ? `${protocol.name}:${url.port === '' ? protocol.port : url.port}` : null;
  return { host, origin: `${scheme}://${url.host.toLowerCase()}`, connectivities };
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
