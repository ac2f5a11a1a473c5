/**
 * What a device's address and name may be. One definition for every entry (credential upsert,
 * device upsert, import, bulk edit, the editors, the CLI), so a value refused in one place is
 * refused everywhere. Devices can be web sites (seed 004 sends "https://www.gmail.com" as an ip),
 * so a URL is accepted where an IP or a hostname is.
 */

/**
 * RFC 1123 names: at most 253 characters, labels of 1-63 letters, digits and inner hyphens. "_" is
 * accepted too, as in Windows and NetBIOS names and seed 004's own example ("API_DEVICE_1").
 */
export const HOSTNAME_MAX_LENGTH = 253;
/** Long enough for any web login page's address, short enough to show and store. */
export const URL_MAX_LENGTH = 2048;

const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;
const IPV4_PART = /^(?:0|[1-9]\d{0,2})$/;
const IPV6_GROUP = /^[0-9A-Fa-f]{1,4}$/;
/** RFC 3986 characters after the authority: unreserved, sub-delims, ":@/?#" and %XX escapes. */
const URL_REST = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/;

/** Dotted decimal, four numbers 0-255, no leading zeros (010 reads as octal to some tools). */
export function isIpv4Address(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => IPV4_PART.test(part) && Number(part) <= 255);
}

/** RFC 4291 text forms, "::" compression and a trailing IPv4 included; no zone index, no brackets. */
export function isIpv6Address(text: string): boolean {
  if (text.length > 45 || !text.includes(':')) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string): string[] | null => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (head === null || tail === null) return false;
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIpv4Address(last)) return false;
    all.pop();
    count += 1; // an IPv4 tail stands for two groups
  }
  if (!all.every((group) => IPV6_GROUP.test(group))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

export function isIpAddress(text: string): boolean {
  return isIpv4Address(text) || isIpv6Address(text);
}

/**
 * What a device's ip field may hold: an IP address, a URL, or "localhost", which always names the
 * loopback address (RFC 6761) and which seed 004's JIT example sends as an ip.
 */
export function isDeviceAddress(text: string): boolean {
  return isIpAddress(text) || isUrlAddress(text) || text.toLowerCase() === 'localhost';
}

/**
 * RFC 1123 host name (one trailing dot allowed, as in a fully qualified name). RFC 1123 2.1: a name
 * never has the dotted-decimal form, since its last label is alphabetic; so a name ending in a
 * numeric label must be a valid IPv4 address (an IP typed as the name), and 999.1.1.1 is neither.
 */
export function isHostname(text: string): boolean {
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  if (name.length < 1 || name.length > HOSTNAME_MAX_LENGTH) return false;
  const labels = name.split('.');
  if (!labels.every((label) => LABEL.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] ?? '') || isIpv4Address(name);
}

/**
 * A URL ("https://www.example.com", "ssh://db01.example.com:2222") whose host is a host name, an
 * IPv4 address or a bracketed IPv6 address, with an optional port and path. Credentials in the
 * address ("user:pw@") are refused: they would be stored and shown in clear.
 */
export function isUrlAddress(text: string): boolean {
  if (text.length > URL_MAX_LENGTH) return false;
  const match = /^[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/([^/?#]*)(.*)$/.exec(text);
  if (match === null) return false;
  const authority = match[1] ?? '';
  const rest = match[2] ?? '';
  const hostPort = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(authority);
  if (hostPort === null) return false;
  const host = hostPort[1] ?? '';
  const port = hostPort[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  const hostOk = host.startsWith('[') ? isIpv6Address(host.slice(1, -1)) : isIpv4Address(host) || isHostname(host);
  return hostOk && URL_REST.test(rest);
}

/**
 * Where to connect for a device's ip: the address itself, or the host of a URL (a device imported
 * from a password manager with only a DNS name has "ssh://db01.example.com" or "https://..." as ip).
 */
export function connectHost(ip: string): string {
  if (!isUrlAddress(ip)) return ip;
  const authority = /^[^:]+:\/\/([^/?#]*)/.exec(ip)?.[1] ?? ip;
  const host = /^(\[[^\]]*\]|[^:]*)/.exec(authority)?.[1] ?? authority;
  return host.replace(/^\[|\]$/g, '');
}
