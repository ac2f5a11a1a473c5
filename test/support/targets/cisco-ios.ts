import { StringDecoder } from 'node:string_decoder';
import type { Connection } from 'ssh2';
import { Server } from '../../../main/executors/ssh/ssh2-module';
import { ssh2KeyPair } from '../ssh2-key-pair';
import { IosCli, type IosDeviceState } from './cisco-ios-cli';
import { fingerprintOfPublicKeyLine } from './ssh-fingerprint';

/**
 * An SSH server (ssh2's Server) that behaves like a Cisco IOS router for password templates, on
 * 127.0.0.1 and a free port. It records every authentication attempt, so a test can prove that no
 * credential left the client (e.g. when the host key did not match).
 */
export interface CiscoTargetOptions {
  /** user name → password (IOS "secret"). */
  readonly users: Readonly<Record<string, string>>;
  readonly enableSecret: string;
  readonly hostname?: string;
}

export interface AuthAttempt {
  readonly username: string;
  readonly method: string;
}

export interface CiscoTarget {
  readonly host: string;
  readonly port: number;
  readonly hostKeyFingerprint: string;
  /** Live view of the running configuration's users. */
  readonly users: ReadonlyMap<string, string>;
  /** Live view of the device, including the enable secret and how often it was saved. */
  readonly device: Readonly<IosDeviceState>;
  readonly authAttempts: readonly AuthAttempt[];
  stop(): Promise<void>;
}

export async function startCiscoTarget(options: CiscoTargetOptions): Promise<CiscoTarget> {
  const hostKey = ssh2KeyPair();
  const device: IosDeviceState = {
    hostname: options.hostname ?? 'Router',
    users: new Map(Object.entries(options.users)),
    enableSecret: options.enableSecret,
    writes: 0,
  };
  const authAttempts: AuthAttempt[] = [];
  const connections = new Set<Connection>();

  const server = new Server({ hostKeys: [hostKey.private] }, (connection) => {
    connections.add(connection);
    connection.on('close', () => connections.delete(connection));
    connection.on('error', () => connection.end());
    connection.on('authentication', (ctx) => {
      authAttempts.push({ username: ctx.username, method: ctx.method });
      if (ctx.method === 'password' && device.users.get(ctx.username) === ctx.password) ctx.accept();
      else ctx.reject(['password']);
    });
    connection.on('ready', () => {
      connection.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('pty', (accept) => accept());
        session.on('window-change', (accept) => accept?.());
        session.on('shell', (accept) => {
          const stream = accept();
          const decoder = new StringDecoder('utf8');
          const cli = new IosCli(
            device,
            (text) => stream.write(text),
            () => {
              stream.exit(0);
              stream.end();
            },
          );
          stream.on('data', (chunk: Buffer) => cli.input(decoder.write(chunk)));
          cli.start();
        });
      });
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address === 'object' && address !== null) resolve(address.port);
      else reject(new Error('The Cisco target got no TCP port.'));
    });
  });

  return {
    host: '127.0.0.1',
    port,
    hostKeyFingerprint: fingerprintOfPublicKeyLine(hostKey.public),
    users: device.users,
    device,
    authAttempts,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const connection of connections) connection.end();
        server.close(() => resolve());
      }),
  };
}
