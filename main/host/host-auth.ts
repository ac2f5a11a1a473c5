import { randomBytes, timingSafeEqual } from 'node:crypto';
import { WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from '../../shared/contract/wire';

/**
 * The headless host's gate. Every HTTP request and WebSocket upgrade must (1) name one of our own
 * Host values, which defeats DNS rebinding, and (2) carry no foreign Origin, which defeats other
 * pages in the same browser. The WebSocket, the only way to the core, must also (3) present the
 * per-run token itself, as a subprotocol. No cookie grants anything: cookies ignore ports, so a
 * cookie for 127.0.0.1 would reach every other local server too.
 *
 * Static files pass with (1) and (2) alone: they are the app's public code, with no data in them,
 * and the page needs them to read the token from its URL fragment in the first place.
 */
export type GateVerdict = { readonly allow: true } | { readonly allow: false; readonly status: 401 | 403; readonly reason: string };

export interface GateRequest {
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly url: string;
  /** WebSocket upgrades must carry an Origin (browsers always send one) and the token. */
  readonly isUpgrade: boolean;
  /** The Sec-WebSocket-Protocol header of an upgrade. */
  readonly protocols?: string | undefined;
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
    if (!request.isUpgrade) return { allow: true };
    const offered = tokenFromProtocols(request.protocols);
    if (offered !== undefined && sameSecret(offered, token)) return { allow: true };
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

/** The token from a Sec-WebSocket-Protocol header ("pamdesk.v1, pamdesk.token.<token>"). */
export function tokenFromProtocols(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const offered = header.split(',').map((p) => p.trim()).find((p) => p.startsWith(WS_TOKEN_PROTOCOL_PREFIX));
  return offered?.slice(WS_TOKEN_PROTOCOL_PREFIX.length);
}

/** The subprotocol the host answers with: ours, never the one carrying the token. */
export function selectProtocol(offered: ReadonlySet<string>): string | false {
  return offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
