import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../core/create-core';
import { sshExecution } from '../../execution/ssh-execution';
import { rendererDir } from '../../core/package-root';
import { startHostServer } from '../../host/host-server';
import { newHostToken } from '../../host/host-auth';
import { createLogger } from '../../logging/logger';
import { installProcessSafetyNet } from '../../logging/process-safety-net';
import { UsageError, type Command } from '../command';

const LOOPBACK = '127.0.0.1';

export const serveCommand: Command = {
  path: ['serve'],
  requires: 'public',
  summary: 'Run pamdesk without a display: the same core, its UI served to a browser on this machine.',
  usage: 'serve [--port N] [--host ADDRESS]',
  options: { port: { type: 'string' }, host: { type: 'string' } },
  optionHelp: {
    port: 'port to listen on (default: a free one)',
    host: `interface to listen on (default ${LOOPBACK}; anything else exposes the vault UI beyond this machine)`,
  },
  async run(context, values) {
    const port = parsePort(values['port']);
    const host = typeof values['host'] === 'string' ? values['host'] : LOOPBACK;
    const dir = rendererDir(context.env);
    if (!existsSync(join(dir, 'index.html'))) {
      context.io.err(`pamdesk serve: the UI is not built (${dir} has no index.html). Run \`npm run build\` first.`);
      return 1;
    }
    if (host !== LOOPBACK) {
      context.io.err(
        `WARNING: listening on ${host}, not only on this machine. Anyone who can reach it and learns the URL's token can use this vault's UI. Prefer the default (${LOOPBACK}) with an SSH tunnel.`,
      );
    }
    const logger = createLogger({ level: context.json ? 'warn' : 'info' });
    // Until the server is up there is nothing to close; then a fatal error closes it (and its cores).
    const fatal = { close: (): Promise<void> => Promise.resolve() };
    const removeSafetyNet = installProcessSafetyNet(logger, { onFatal: () => fatal.close() });
    const server = await startHostServer({
      rendererDir: dir,
      host,
      port,
      token: newHostToken(),
      logger,
      makeCore: (isAuthenticatedSocket) =>
        createCore({
          dataDir: context.dataDir,
          shell: 'host',
          execution: sshExecution(true),
          isTrustedSender: (sender) => sender.kind === 'socket' && sender.authenticated && isAuthenticatedSocket(sender.connectionId),
          logger,
        }),
    });
    fatal.close = () => server.close();
    context.io.out(context.json ? JSON.stringify({ url: server.url, port: server.port, dataDir: context.dataDir }) : `pamdesk host ready: ${server.url}`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    removeSafetyNet();
    return 0;
  },
};

function parsePort(value: unknown): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not ${JSON.stringify(value)}.`);
  }
  return port;
}
