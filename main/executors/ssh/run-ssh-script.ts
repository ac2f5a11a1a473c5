import type { RenderedScript } from '../../templates/template-ast';
import { runTerminalScript } from '../run-terminal-script';
import { authSecrets } from './auth-methods';
import { openConnection } from './open-connection';
import { openShell } from './open-shell';
import { sshTerminalChannel } from './shell-session';
import type { SshAuth, SshRunResult, SshTarget, SshTimeouts } from './ssh-types';

export interface SshRunOptions {
  /**
   * The executor-level starting values (Segura's 5 s each when absent). A template's
   * set-connect-timeout / set-read-timeout then change them from that line on; the connect timeout
   * takes effect when it comes before the first step that talks to the device.
   */
  readonly timeouts?: Partial<SshTimeouts>;
  /** Budget for authentication after the host key check (see ConnectOptions). */
  readonly loginTimeoutMs?: number;
  /** Cancels the run: waits end at once, the connection is closed, the result is 'aborted'. */
  readonly signal?: AbortSignal;
}

/**
 * Runs a rendered SSH template in an interactive PTY shell on the target and reports how it went
 * (see runTerminalScript). The host key is checked against the pinned one before any credential
 * is sent.
 */
export async function runSshScript(target: SshTarget, auth: SshAuth, script: RenderedScript, options: SshRunOptions = {}): Promise<SshRunResult> {
  return runTerminalScript(
    script,
    [...script.secrets, ...authSecrets(auth)],
    async (settings, transcript) => {
      transcript.note(`connecting to ${target.host}:${target.port} as ${auth.username}`);
      const connection = await openConnection(target, auth, {
        connectTimeoutMs: settings.connectTimeoutMs,
        loginTimeoutMs: options.loginTimeoutMs,
        onBanner: (banner) => transcript.received(banner),
      });
      if (!connection.ok) return connection;
      transcript.note(`host key ${connection.fingerprint} matches the pinned key; logged in`);
      const shell = await openShell(connection.client, settings.connectTimeoutMs);
      if (!shell.ok) {
        connection.client.end();
        return shell;
      }
      return { ok: true, channel: sshTerminalChannel(connection.client, shell.channel) };
    },
    { timeouts: options.timeouts, signal: options.signal },
  );
}
