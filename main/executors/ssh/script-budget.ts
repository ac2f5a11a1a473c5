import type { TemplateStep } from '../../templates/template-ast';
import { DEFAULT_LOGIN_TIMEOUT_MS } from './open-connection';
import { DEFAULT_TIMEOUTS, type SshTimeouts } from './ssh-types';

/**
 * The longest a run of these steps can take when every wait runs to its timeout: connecting and
 * logging in, each read / expect / expect-regex / no-expect waiting its read timeout, each sleep.
 * Settings steps change the timeouts for the steps after them, as the executor applies them. The
 * runner uses this as the hard bound of an attempt: past it, the attempt is stuck, not working.
 */
export function scriptBudgetMs(steps: readonly TemplateStep[], base: Partial<SshTimeouts> = {}): number {
  let connectMs = base.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectTimeoutMs;
  let readMs = base.readTimeoutMs ?? DEFAULT_TIMEOUTS.readTimeoutMs;
  let connected = false;
  let total = 0;
  for (const step of steps) {
    switch (step.kind) {
      case 'set-connect-timeout':
        connectMs = step.seconds * 1000;
        continue;
      case 'set-read-timeout':
        readMs = step.seconds * 1000;
        continue;
      case 'set-new-line-mode':
      case 'set-ssh-version':
        continue;
      default:
        break;
    }
    if (!connected) {
      total += loginBudgetMs({ connectTimeoutMs: connectMs });
      connected = true;
    }
    if (step.kind === 'read' || step.kind === 'expect' || step.kind === 'expect-regex' || step.kind === 'no-expect') total += readMs;
    else if (step.kind === 'sleep') total += step.seconds * 1000;
  }
  return connected ? total : loginBudgetMs({ connectTimeoutMs: connectMs });
}

/** The longest one fresh login can take: connect and handshake, then authentication. */
export function loginBudgetMs(timeouts: { readonly connectTimeoutMs?: number } = {}): number {
  return (timeouts.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectTimeoutMs) + DEFAULT_LOGIN_TIMEOUT_MS + 1_000;
}
