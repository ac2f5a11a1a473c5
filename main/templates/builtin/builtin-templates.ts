import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceShell } from '../../../shared/domain/device-shell';
import type { TemplateExecutor, TemplateOperationType } from '../../../shared/domain/template';
import { packageRoot } from '../../core/package-root';

export interface BuiltinTemplate {
  readonly name: string;
  readonly operationType: TemplateOperationType;
  /** File name in main/templates/builtin/. */
  readonly file: string;
  /** The shell of the devices it is written for, when not a POSIX shell (the device decides at run time). */
  readonly shell?: DeviceShell;
  /** The executor it is written for; SSH when absent. */
  readonly executor?: TemplateExecutor;
}

/** The templates pamdesk ships. Their bodies are text files so they read (and diff) as templates. */
export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [
  { name: 'Linux - Change own password', operationType: 'change_password', file: 'linux-change-own-password.txt' },
  { name: 'Linux - Change password as root', operationType: 'change_password', file: 'linux-change-password-as-root.txt' },
  { name: 'Linux - Change password via sudo', operationType: 'change_password', file: 'linux-change-password-via-sudo.txt' },
  { name: 'Linux - Reconcile password as root', operationType: 'reconcile', file: 'linux-reconcile-password-as-root.txt' },
  { name: 'Linux - Verify', operationType: 'verify', file: 'linux-verify.txt' },
  { name: 'Linux - SSH key rotation - add', operationType: 'ssh_key_rotation', file: 'linux-ssh-key-rotation-add.txt' },
  { name: 'Linux - SSH key rotation - remove old', operationType: 'ssh_key_rotation', file: 'linux-ssh-key-rotation-remove-old.txt' },
  { name: 'Cisco IOS - Change user secret', operationType: 'change_password', file: 'cisco-ios-change-user-secret.txt', shell: 'network-cli' },
  { name: 'PostgreSQL - Change own password', operationType: 'change_password', file: 'postgresql-change-own-password.txt', executor: 'postgresql' },
  { name: 'PostgreSQL - Change password as administrator', operationType: 'change_password', file: 'postgresql-change-password-as-administrator.txt', executor: 'postgresql' },
  { name: 'PostgreSQL - Reconcile password', operationType: 'reconcile', file: 'postgresql-reconcile-password.txt', executor: 'postgresql' },
  { name: 'MySQL - Change own password', operationType: 'change_password', file: 'mysql-change-own-password.txt', executor: 'mysql' },
  { name: 'MySQL - Change password as administrator', operationType: 'change_password', file: 'mysql-change-password-as-administrator.txt', executor: 'mysql' },
  { name: 'MySQL - Reconcile password', operationType: 'reconcile', file: 'mysql-reconcile-password.txt', executor: 'mysql' },
  // LDAP (main/executors/ldap): OpenLDAP through RFC 3062, Active Directory through unicodePwd.
  { name: 'OpenLDAP - Change own password', operationType: 'change_password', file: 'ldap-openldap-change-own-password.txt', executor: 'ldap' },
  { name: 'OpenLDAP - Change password as administrator', operationType: 'change_password', file: 'ldap-openldap-set-password-as-admin.txt', executor: 'ldap' },
  { name: 'OpenLDAP - Reconcile password as administrator', operationType: 'reconcile', file: 'ldap-openldap-set-password-as-admin.txt', executor: 'ldap' },
  { name: 'Active Directory - Change own password', operationType: 'change_password', file: 'ldap-ad-change-own-password.txt', executor: 'ldap' },
  { name: 'Active Directory - Reset password as administrator', operationType: 'change_password', file: 'ldap-ad-reset-password-as-admin.txt', executor: 'ldap' },
  { name: 'Active Directory - Reconcile password as administrator', operationType: 'reconcile', file: 'ldap-ad-reset-password-as-admin.txt', executor: 'ldap' },
];

/** The folder is found from the package root, so this works from the sources and from dist/ alike. */
export function builtinTemplateDir(root: string = packageRoot()): string {
  return join(root, 'main', 'templates', 'builtin');
}

export function readBuiltinTemplate(template: BuiltinTemplate, dir: string = builtinTemplateDir()): string {
  return readFileSync(join(dir, template.file), 'utf8');
}
