import { loadRunContext, renderContextFor } from '../../execution/run-context';
import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import { dryRun } from '../../templates/dry-run';
import { getTemplate, listTemplates, saveTemplate, templateHistory } from '../../templates/template-service';
import { validateTemplateForSave } from '../../templates/validate-template-for-save';
import { requireSession } from './require-session';

type TemplateChannels = 'template.list' | 'template.get' | 'template.history' | 'template.save' | 'template.lint' | 'template.dryRun';

export function templateHandlers(sessions: VaultSessions): Pick<Handlers, TemplateChannels> {
  const vault = () => sessions.vault();
  return {
    'template.list': () => listTemplates(vault().database.db),
    'template.get': (request) => getTemplate(vault().database.db, request.id),
    'template.history': (request) => templateHistory(vault().database.db, request.id),
    'template.save': async (request, context) => {
      const session = requireSession(context);
      const saved = await saveTemplate({ db: vault().database.db, fields: vault().fields }, request.id, request.input, session.username);
      await sessions.audit(session, request.id === undefined ? 'template.create' : 'template.update', 'template', String(saved.id), {
        name: saved.name,
        version: saved.current_version,
        operation_type: saved.operation_type,
        active: saved.active,
      });
      return saved;
    },
    'template.lint': (request) => validateTemplateForSave({ name: 'lint', executor: 'ssh', operation_type: 'change_password', active: true, variables: request.variables, body: request.body }),
    'template.dryRun': async (request) => {
      const context = await loadRunContext(vault().database.db, vault().fields, request.credentialId);
      // newPassword stands for the one a real run would generate: dry runs never create secrets,
      // and dryRun shows every secret tag as its placeholder.
      const result = dryRun(request.body, renderContextFor(context, { newPassword: 'generated at run time', newPublicKey: 'ssh-ed25519 AAAAdry-run-new-key', keyComment: 'pamdesk-managed', variables: request.variables }));
      return result.ok ? { ok: true, lines: result.lines, diagnostics: result.diagnostics } : { ok: false, lines: [], diagnostics: result.diagnostics };
    },
  };
}
