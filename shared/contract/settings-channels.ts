import { channel, noPayload, typed } from './channel-spec';
import { settingsPatchSchema, type Settings } from './settings';

export const settingsChannels = {
  'settings.get': channel({ request: noPayload, response: typed<Settings>(), requires: 'session' }),
  // Validated whole after merging (ranges, and a SIEM target complete before it is enabled); audited.
  'settings.update': channel({ request: settingsPatchSchema, response: typed<Settings>(), requires: 'settings.write' }),
} as const;
