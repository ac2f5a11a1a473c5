import { formatConnectivityList } from './connectivity-list';
import type { DeviceInput } from './device-input';
import type { DeviceView } from './device-view';

/** A device's stored fields as a device input, so an edit can send them back with a few changed. */
export function deviceInput(view: DeviceView): DeviceInput {
  return {
    hostname: view.hostname,
    ip: view.ip,
    type: view.type,
    vendor: view.vendor,
    model: view.model,
    site: view.site,
    device_domain: view.domains.length === 0 ? null : view.domains.join(','),
    device_tags: view.tags.length === 0 ? null : view.tags.join(','),
    connectivities: view.connectivities.length === 0 ? null : formatConnectivityList(view.connectivities),
  };
}
