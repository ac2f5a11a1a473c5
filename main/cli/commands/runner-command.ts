import { sshExecution } from '../../execution/ssh-execution';
import { createLogger } from '../../logging/logger';
import { installProcessSafetyNet } from '../../logging/process-safety-net';
import type { Command } from '../command';
import { withSignedInCli } from '../signed-in';

export const runnerCommand: Command = {
  path: ['runner'],
  requires: 'operation.request',
  summary: 'Run the job runner in the foreground (the desktop app and the host run it in the background).',
  usage: 'runner [--until-idle] --user NAME',
  options: { user: { type: 'string' }, 'until-idle': { type: 'boolean' } },
  optionHelp: {
    user: 'who you are (or PAMDESK_USER); the passphrase comes from PAMDESK_PASSPHRASE or a prompt',
    'until-idle': 'stop when no operation is due and none is running (otherwise run until Ctrl+C)',
  },
  run: (context, values) =>
    withSignedInCli(
      context,
      values,
      async (cli) => {
        const runner = cli.core.runnerHost?.runner;
        if (!runner) throw new Error('the runner did not start: the vault is not open.');
        const removeSafetyNet = installProcessSafetyNet(createLogger({ level: 'warn' }), { onFatal: () => cli.core.close() });
        const stop = cli.core.events.subscribe((name, payload) => {
          if (name !== 'operation.changed') return;
          const op = payload as { code: string; state: string; message: string | null };
          if (context.json) context.io.out(JSON.stringify(op));
          else context.io.err(`${op.code} ${op.state}${op.message ? `: ${op.message}` : ''}`);
        });
        try {
          if (values['until-idle'] === true) {
            await runner.runUntilIdle();
          } else {
            runner.start();
            await new Promise<void>((resolve) => {
              process.once('SIGINT', resolve);
              process.once('SIGTERM', resolve);
            });
            await runner.stop();
          }
        } finally {
          stop();
          removeSafetyNet();
        }
        return 0;
      },
      sshExecution(false),
      // The runner changes credentials on real devices: only roles that may request operations.
      'operation.request',
    ),
};
