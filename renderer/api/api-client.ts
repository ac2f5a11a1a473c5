import type { ChannelName, ChannelRequest, ChannelResponse } from '../../shared/contract/channels';
import type { EventName, EventPayload } from '../../shared/contract/events';
import type { Result } from '../../shared/result';
import type { Transport } from './transport';

/** The renderer's typed view of the contract; it does not know which transport it runs over. */
export interface ApiClient {
  readonly transport: Transport['kind'];
  call<C extends ChannelName>(channel: C, payload: ChannelRequest<C>): Promise<Result<ChannelResponse<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    transport: transport.kind,
    call: (channel, payload) => transport.invoke(channel, payload) as Promise<Result<ChannelResponse<typeof channel>>>,
    on: (event, listener) => transport.on(event, (payload) => listener(payload as EventPayload<typeof event>)),
  };
}
