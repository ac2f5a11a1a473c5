import type { ChannelName, ChannelRequest, ChannelResponse } from '../../shared/contract/channels';
import type { EventName, EventPayload } from '../../shared/contract/events';
import type { Result } from '../../shared/result';
import { errorText } from '../errors/error-words';
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
    async call(channel, payload) {
      const result = (await transport.invoke(channel, payload)) as Result<ChannelResponse<typeof channel>>;
      // Every refusal reaches a view already in words (rule codes said in the window's terms,
      // fields by their labels); details stay as main sent them, so a form can name its own labels.
      return result.ok ? result : { ok: false, error: { ...result.error, message: errorText(result.error) } };
    },
    on: (event, listener) => transport.on(event, (payload) => listener(payload as EventPayload<typeof event>)),
  };
}
