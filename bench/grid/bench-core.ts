import { createCore } from '../../main/core/create-core';
import { silentLogger } from '../../main/logging/logger';

type Core = ReturnType<typeof createCore>;
export type Channel = Parameters<Core['router']['handle']>[1];

export interface BenchCore {
  readonly core: Core;
  /** A channel through the router as the CLI would call it; throws with main's message when refused. */
  call(channel: Channel, payload: unknown): Promise<unknown>;
}

/** The core in-process on `dataDir`, as the CLI shell: what the bench seeds and times through. */
export function openBenchCore(dataDir: string): BenchCore {
  const core = createCore({ dataDir, shell: 'cli', isTrustedSender: (sender) => sender.kind === 'cli', logger: silentLogger });
  return {
    core,
    async call(channel, payload) {
      const result = await core.router.handle({ kind: 'cli' }, channel, payload);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
      return result.value;
    },
  };
}
