import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { LinuxTarget } from './linux-sshd';

/**
 * A real Telnet server on 127.0.0.1: Debian's inetutils-telnetd (GNU inetutils), run the way inetd
 * runs it, one process per connection with the connection as its stdin and stdout. Each process is
 * started inside a Linux target's namespace (nsenter), so /bin/login and PAM see that target's
 * private /etc and its test accounts: the same accounts, passwords and shells as its sshd.
 */
export const TELNETD_PATH = '/usr/sbin/telnetd';
export const TELNETD_SKIP_REASON = `${TELNETD_PATH} is missing (install Debian's inetutils-telnetd)`;

export function isTelnetdInstalled(): boolean {
  return existsSync(TELNETD_PATH);
}

export interface TelnetTarget {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

export async function startTelnetd(target: LinuxTarget): Promise<TelnetTarget> {
  if (!isTelnetdInstalled()) throw new Error(`${TELNETD_SKIP_REASON}.`);
  // login's own delays after a wrong password (pam_faildelay 3 s) only slow the tests; the decision is unchanged.
  await target.exec("sed -i 's/pam_faildelay.so  delay=3000000/pam_faildelay.so delay=0/' /etc/pam.d/login; sed -i 's/^session[[:space:]]*required[[:space:]]*pam_loginuid.so/session optional pam_loginuid.so/' /etc/pam.d/login");
  const children = new Set<ChildProcess>();
  const sockets = new Set<Socket>();
  const server: Server = createServer({ pauseOnConnect: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // -h: no host banner before the login prompt. The socket is the child's stdin and stdout, as inetd does.
    const child = spawn('nsenter', ['--target', String(target.namespacePid), '--mount', '--pid', '--', TELNETD_PATH, '-h'], { stdio: [socket, socket, 'ignore'] });
    children.add(child);
    child.once('exit', () => {
      children.delete(child);
      socket.destroy();
    });
    child.once('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The Telnet listener has no TCP port.');
  return {
    host: '127.0.0.1',
    port: address.port,
    stop: async () => {
      for (const child of children) child.kill('SIGKILL');
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
