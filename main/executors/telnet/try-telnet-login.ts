import { DEFAULT_LOGIN_TIMEOUT_MS } from '../ssh/open-connection';
import { DEFAULT_TIMEOUTS, type LoginOutcome } from '../ssh/ssh-types';
import type { TelnetAuth, TelnetTarget } from './run-telnet-script';
import { telnetLogin } from './telnet-login';
import { TelnetTerminal } from './telnet-terminal';

/**
 * A fresh Telnet login, then hang up: the proof after a change and the verify. Only 'accepted' and
 * 'rejected' are answers about the password; a device that does not answer is 'unreachable'.
 */
export async function tryTelnetLogin(target: TelnetTarget, auth: TelnetAuth, timeouts: { readonly connectTimeoutMs?: number; readonly loginTimeoutMs?: number } = {}): Promise<LoginOutcome> {
  const opened = await TelnetTerminal.open(target.host, target.port, timeouts.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectTimeoutMs);
  if (!opened.ok) return 'unreachable';
  try {
    const login = await telnetLogin(opened.terminal, auth.username, auth.password, timeouts.loginTimeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS);
    return login.kind === 'accepted' ? 'accepted' : login.kind === 'rejected' ? 'rejected' : 'unreachable';
  } finally {
    opened.terminal.close();
  }
}
