import type { DeviceExecutor } from '../device-executor';
import { compileTerminalTemplate } from '../terminal-template';
import { runTelnetScript } from './run-telnet-script';
import { tryTelnetLogin } from './try-telnet-login';

/**
 * Telnet, for legacy devices that have nothing else: the same expect language over RFC 854 with
 * its option negotiation, a login at the device's prompts, passwords only. No host key: the device
 * is not authenticated and everything, passwords included, crosses the network in clear.
 */
export const telnetExecutor: DeviceExecutor = {
  templateExecutor: 'telnet',
  compile: (source, variables, shell) =>
    compileTerminalTemplate(source, variables, shell, (target, auth, script, options) =>
      'password' in auth
        ? runTelnetScript(target, auth, script, options)
        : Promise.resolve({ ok: false, failure: { kind: 'invalid-step', message: telnetKeyRefusal(auth.username) }, transcript: [] }),
    ),
  tryLogin: async (target, auth, options) => ('password' in auth ? tryTelnetLogin(target, auth, options) : 'rejected'),
  refuseAuth: (auth) => ('password' in auth ? null : telnetKeyRefusal(auth.username)),
};

function telnetKeyRefusal(username: string): string {
  return `${username} logs in with an SSH key, which Telnet cannot use: choose the SSH plugin, or an authentication credential with a password.`;
}
