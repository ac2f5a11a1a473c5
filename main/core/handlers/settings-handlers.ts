import { ZodError } from 'zod';
import type { Settings } from '../../../shared/contract/settings';
import { AppFailure } from '../../../shared/errors';
import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import type { SettingsStore } from '../../settings/settings-store';
import { requireSession } from './require-session';

/** What the audit shows of the settings: everything but the CA's PEM (public, but long). */
function auditable(settings: Settings) {
  const { caPem, ...siem } = settings.siem;
  return { ...settings, siem: { ...siem, caPem: caPem === null ? null : `(${caPem.length} characters)` } };
}

export function settingsHandlers(sessions: VaultSessions, settings: SettingsStore): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => settings.read(),
    'settings.update': async (request, context) => {
      const session = requireSession(context);
      const before = settings.read();
      let after: Settings;
      try {
        after = settings.update(request);
      } catch (error) {
        if (error instanceof ZodError) {
          const problems = error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
          throw new AppFailure('VALIDATION', `The settings were not saved: ${problems.join(' ')}`, { problems });
        }
        throw error;
      }
      await sessions.audit(session, 'settings.update', 'settings', undefined, { before: auditable(before), after: auditable(after) });
      return after;
    },
  };
}
