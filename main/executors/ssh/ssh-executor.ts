import type { DeviceExecutor } from '../device-executor';
import { compileTerminalTemplate } from '../terminal-template';
import { runSshScript } from './run-ssh-script';
import { tryLogin } from './try-login';

/** SSH: ssh2, host keys pinned and checked before any credential is sent, a PTY shell. */
export const sshExecutor: DeviceExecutor = {
  templateExecutor: 'ssh',
  compile: (source, variables, shell) =>
    compileTerminalTemplate(source, variables, shell, (target, auth, script, options) =>
      runSshScript(target, auth, script, { ...(options.timeouts ? { timeouts: options.timeouts } : {}), ...(options.signal ? { signal: options.signal } : {}) }),
    ),
  tryLogin: (target, auth, options) => tryLogin({ target, auth, ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }) }),
  refuseAuth: () => null,
};
