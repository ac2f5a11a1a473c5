import type { Command } from '../command';
import { openCliCore } from '../cli-core';

export const statusCommand: Command = {
  path: ['status'],
  requires: 'public',
  summary: 'Show the core\'s state: version, data folder, vault state.',
  usage: 'status [--json]',
  options: {},
  async run(context) {
    const cli = openCliCore(context);
    try {
      const status = await cli.call('core.status', {});
      if (context.json) {
        context.io.out(JSON.stringify(status, null, 2));
      } else {
        context.io.out(
          [
            `pamdesk ${status.version}`,
            `data folder: ${status.dataDir}`,
            `vault:       ${status.vault}`,
            `runtime:     ${status.runtime} on ${status.platform}`,
          ].join('\n'),
        );
      }
      return 0;
    } finally {
      await cli.close();
    }
  },
};
