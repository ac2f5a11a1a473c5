import { loadRunContext, renderContextFor } from '../../execution/run-context';
import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import { dryRun } from '../../templates/dry-run';
import { duplicateTemplate, getTemplate, listTemplates, saveTemplate, templateHistory } from '../../templates/template-service';
import { validateTemplateForSave } from '../../templates/validate-template-for-save';
import { requireSession } from './require-session';

type TemplateChannels = 'template.list' | 'template.get' | 'template.history' | 'template.save' | 'template.duplicate' | 'template.lint' | 'template.dryRun';

export function templateHandlers(sessions: VaultSessions): Pick<Handlers, TemplateChannels> {
  const vault = () => sessions.vault();
  return {
    'template.list': (request) => listTemplates(vault().database.db, request.archived),
    'template.get': (request) => getTemplate(vault().database.db, request.id),
    'template.history': (request) => templateHistory(vault().database.db, request.id),
    'template.save': async (request, context) => {
      const session = requireSession(context);
      // Audited inside the save's transaction.
      return saveTemplate({ db: vault().database.db, fields: vault().fields }, request.id, request.input, { username: session.username, shell: context.shell });
    },
    'template.duplicate': (request, context) => {
      const session = requireSession(context);
      return duplicateTemplate({ db: vault().database.db, fields: vault().fields }, request.id, request.name, { username: session.username, shell: context.shell });
    },
    'template.lint': (request) => validateTemplateForSave({ name: 'lint', executor: request.executor, operation_type: 'change_password', active: true, variables: request.variables, body: request.body }),
    'template.dryRun': async (request) => {
      const context = await loadRunContext(vault().database.db, vault().fields, request.credentialId);
      // newPassword stands for the one a real run would generate: dry runs never create secrets,
      // and dryRun shows every secret tag as its placeholder.
      const result = dryRun(request.body, renderContextFor(context, { newPassword: 'generated at run time', newPublicKey: 'ssh-ed25519 AAAAdry-run-new-key', keyComment: 'pamdesk-managed', variables: request.variables }), request.executor);
      return result.ok ? { ok: true, lines: result.lines, diagnostics: result.diagnostics } : { ok: false, lines: [], diagnostics: result.diagnostics };
    },
  };
}
