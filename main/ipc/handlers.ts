import type { ChannelName, ChannelResponse, ParsedRequest } from '../../shared/contract/channels';
import type { Shell } from '../../shared/shells';
import type { Sender } from './sender';
import type { Session } from './session';

export interface CallContext {
  readonly sender: Sender;
  readonly shell: Shell;
  /** Present when the channel requires a session or a permission (the router checked it). */
  readonly session: Session | undefined;
}

export type Handler<C extends ChannelName> = (
  request: ParsedRequest<C>,
  context: CallContext,
) => ChannelResponse<C> | Promise<ChannelResponse<C>>;

/** One handler per channel, checked by the compiler: a channel without a handler does not build. */
export type Handlers = { readonly [C in ChannelName]: Handler<C> };
