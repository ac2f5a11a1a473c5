import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { packageRoot } from '../../main/core/package-root';
import { deviceExecutorFor } from '../../main/executors/registry';
import { findExecutor } from '../../shared/domain/executors';
import type { TemplateDiagnostic } from '../../shared/domain/template-diagnostic';

/**
 * Segura's public template library (senhasegura/execution-templates, MIT licence, kept with it) as
 * CI has it: ../shared/segura-templates beside the checkout, or wherever PAMDESK_SEGURA_TEMPLATES
 * says (a worktree elsewhere). Null when it is not there.
 */
export function seguraLibraryDir(): string | null {
  const dir = process.env['PAMDESK_SEGURA_TEMPLATES'] ?? resolve(packageRoot(), '..', 'shared', 'segura-templates');
  return existsSync(join(dir, 'LICENSE')) ? dir : null;
}

export interface LibraryTemplate {
  /** e.g. "SSH/Change password/Cisco - Enable". */
  readonly path: string;
  /** The executor folder ("SSH", "Telnet", "Tk Expect"...). */
  readonly executor: string;
  /** The operation folder ("Change password", "Create user"...). */
  readonly operation: string;
  readonly body: string;
}

/** Every template file of one executor's folder (the library has no other files there). */
export function libraryTemplates(dir: string, executor: string): readonly LibraryTemplate[] {
  return readdirSync(join(dir, executor), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = join(entry.parentPath, entry.name);
      const path = relative(dir, full);
      return { path, executor, operation: path.split('/')[1] ?? '', body: readFileSync(full, 'utf8') };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * A library template's diagnostics as `pamdesk template lint` gives them without a device: compiled
 * by the executor its folder names (SSH and Telnet share the expect language; LDAP has its own).
 */
export function lintLibraryTemplate(template: LibraryTemplate): readonly TemplateDiagnostic[] {
  const executor = findExecutor(template.executor);
  if (executor === undefined) throw new Error(`${template.path}: pamdesk has no ${template.executor} executor`);
  return deviceExecutorFor(executor.templateExecutor).compile(template.body, []).diagnostics;
}
