import { ZodError } from 'zod';
import type { Settings } from '../../../shared/contract/settings';
import { AppFailure } from '../../../shared/errors';
import { appendAudit } from '../../audit/append-audit';
import type { NewAuditEntry } from '../../audit/audit-entry';
import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import { auditableSettings, type SettingsStore } from '../../settings/settings-store';
import { requireSession } from './require-session';

export function settingsHandlers(_sessions: VaultSessions, settings: SettingsStore): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => settings.read(),
    'settings.update': async (request, context) => {
      const session = requireSession(context);
      const entry = (action: string, details: NewAuditEntry['details']): NewAuditEntry => ({ actor: session.username, shell: context.shell, action, objectType: 'settings', details });
      try {
        // The change and its audit entries commit together (security fields live in the vault).
        return await settings.update(request, async (trx, before, after) => {
          await appendAudit(trx, entry('settings.update', { before: auditableSettings(before), after: auditableSettings(after) }));
          // Switching forwarding on or off is what a SIEM watcher looks for: its own action.
          if (before.siem.enabled !== after.siem.enabled) {
            await appendAudit(trx, entry(after.siem.enabled ? 'siem.enable' : 'siem.disable', siemTarget(after.siem.enabled ? after : before)));
          }
        });
      } catch (error) {
        if (error instanceof ZodError) {
          const problems = error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
          throw new AppFailure('VALIDATION', `The settings were not saved: ${problems.join(' ')}`, { problems });
        }
        throw error;
      }
    },
  };
}

function siemTarget(settings: Settings): NewAuditEntry['details'] {
  return { transport: settings.siem.transport, host: settings.siem.host, port: settings.siem.port };
}
