import type { PamdeskBridge } from '../../shared/contract/bridge';
import type { Transport } from './transport';

export function electronTransport(bridge: PamdeskBridge): Transport {
  return {
    kind: 'electron',
    invoke: (channel, payload) => bridge.invoke(channel, payload),
    on: (event, listener) => bridge.on(event, listener),
  };
}
