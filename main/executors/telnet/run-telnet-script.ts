import type { RenderedScript } from '../../templates/template-ast';
import { runTerminalScript, type TerminalRunOptions } from '../run-terminal-script';
import { DEFAULT_LOGIN_TIMEOUT_MS } from '../ssh/open-connection';
import type { SshRunResult } from '../ssh/ssh-types';
import { telnetLogin } from './telnet-login';
import { TelnetTerminal } from './telnet-terminal';

export interface TelnetTarget {
  readonly host: string;
  readonly port: number;
}

export interface TelnetAuth {
  readonly username: string;
  readonly password: string;
}

/**
 * Runs a rendered template over Telnet: the same expect language and engine as SSH
 * (runTerminalScript), after a login at the device's own prompts (telnet-login.ts). Telnet has no
 * host key and no encryption: the login and every line go over the network in clear, which the
 * editor and the CLI tell the operator when a Telnet plugin is chosen.
 */
export async function runTelnetScript(target: TelnetTarget, auth: TelnetAuth, script: RenderedScript, options: TerminalRunOptions & { readonly loginTimeoutMs?: number } = {}): Promise<SshRunResult> {
  return runTerminalScript(
    script,
    [...script.secrets, auth.password],
    async (settings, transcript) => {
      transcript.note(`connecting to ${target.host}:${target.port} over Telnet (cleartext) as ${auth.username}`);
      const opened = await TelnetTerminal.open(target.host, target.port, settings.connectTimeoutMs);
      if (!opened.ok) return { ok: false, failure: { kind: 'unreachable', message: opened.message } };
      const login = await telnetLogin(opened.terminal, auth.username, auth.password, options.loginTimeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS, transcript);
      if (login.kind !== 'accepted') {
        opened.terminal.close();
        return { ok: false, failure: { kind: login.kind === 'rejected' ? 'auth-failed' : 'unreachable', message: login.message } };
      }
      transcript.note('logged in');
      return { ok: true, channel: opened.terminal };
    },
    options,
  );
}
