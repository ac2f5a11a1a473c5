import { randomBytes, timingSafeEqual } from 'node:crypto';
import { HOST_TOKEN_COOKIE } from '../../shared/contract/wire';

/**
 * The headless host's gate. Every HTTP request and WebSocket upgrade must (1) name one of our own
 * Host values, which defeats DNS rebinding, (2) carry no foreign Origin, which defeats other pages
 * in the same browser, and (3) present the per-run token, in the URL once or in the cookie that the
 * first tokened request sets.
 */
export type GateVerdict =
  | { readonly allow: true; readonly viaQueryToken: boolean }
  | { readonly allow: false; readonly status: 401 | 403; readonly reason: string };

export interface GateRequest {
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly cookie: string | undefined;
  readonly url: string;
  /** WebSocket upgrades must carry an Origin: browsers always send one. */
  readonly isUpgrade: boolean;
}

export interface HostGate {
  readonly token: string;
  check(request: GateRequest): GateVerdict;
  setAllowedAuthorities(authorities: readonly string[]): void;
}

export function newHostToken(): string {
  return randomBytes(32).toString('base64url');
}

export function createHostGate(token: string, authorities: readonly string[] = []): HostGate {
  let allowed = new Set(authorities.map((a) => a.toLowerCase()));

  function check(request: GateRequest): GateVerdict {
    const host = request.host?.toLowerCase();
    if (!host || !allowed.has(host)) {
      return { allow: false, status: 403, reason: 'The Host header does not name this pamdesk host.' };
    }
    if (request.origin !== undefined || request.isUpgrade) {
      const origin = request.origin?.toLowerCase();
      if (!origin || !allowed.has(stripScheme(origin))) {
        return { allow: false, status: 403, reason: 'Requests from another origin are refused.' };
      }
    }
    const queryToken = tokenFromUrl(request.url);
    if (queryToken !== undefined && sameSecret(queryToken, token)) return { allow: true, viaQueryToken: true };
    const cookieToken = tokenFromCookie(request.cookie);
    if (cookieToken !== undefined && sameSecret(cookieToken, token)) return { allow: true, viaQueryToken: false };
    return {
      allow: false,
      status: 401,
      reason: 'This pamdesk host needs its access token: open the URL that `pamdesk serve` printed.',
    };
  }

  return {
    token,
    check,
    setAllowedAuthorities(next) {
      allowed = new Set(next.map((a) => a.toLowerCase()));
    },
  };
}

function stripScheme(origin: string): string {
  const match = /^https?:\/\/(.+)$/.exec(origin);
  return match?.[1] ?? '';
}

function tokenFromUrl(url: string): string | undefined {
  const query = url.indexOf('?');
  if (query < 0) return undefined;
  return new URLSearchParams(url.slice(query + 1)).get('token') ?? undefined;
}

export function tokenFromCookie(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === HOST_TOKEN_COOKIE) return rest.join('=');
  }
  return undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The URL without its token, where the first tokened request is redirected once the cookie is set. */
export function withoutToken(url: string): string {
  const [path = '/', query = ''] = url.split('?', 2);
  const params = new URLSearchParams(query);
  params.delete('token');
  const rest = params.toString();
  return rest ? `${path}?${rest}` : path;
}
