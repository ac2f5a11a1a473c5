import type { ChannelName, ChannelRequest, ChannelResponse } from '../../shared/contract/channels';
import { AppFailure } from '../../shared/errors';
import type { Result } from '../../shared/result';
import { createCore, type Core, type CoreOptions } from '../core/create-core';
import type { CommandContext } from './command';

export interface CliCore {
  readonly core: Core;
  /** Calls the core through the same router, permission checks and validation as the UI. */
  call<C extends ChannelName>(channel: C, payload: ChannelRequest<C>): Promise<ChannelResponse<C>>;
  /** The same, returning the Result instead of throwing its error. */
  invoke<C extends ChannelName>(channel: C, payload: ChannelRequest<C>): Promise<Result<ChannelResponse<C>>>;
  close(): Promise<void>;
}

export function openCliCore(context: CommandContext, execution?: CoreOptions['execution']): CliCore {
  const core = createCore({
    ...(execution ? { execution } : {}),
    dataDir: context.dataDir,
    shell: 'cli',
    // The CLI is the user's own process: its only sender is itself.
    isTrustedSender: (sender) => sender.kind === 'cli',
    logger: context.logger,
    ...(context.commandPath ? { cliCommand: context.commandPath.join(' ') } : {}),
  });
  return {
    core,
    invoke: (channel, payload) => core.router.handle({ kind: 'cli' }, channel, payload) as Promise<Result<ChannelResponse<typeof channel>>>,
    async call(channel, payload) {
      const result = await core.router.handle({ kind: 'cli' }, channel, payload);
      if (!result.ok) throw new AppFailure(result.error.code, result.error.message, result.error.details);
      return result.value as ChannelResponse<typeof channel>;
    },
    close: () => core.close(),
  };
}
