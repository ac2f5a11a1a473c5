import type { TemplateExecutor } from '../../shared/domain/template';
import type { DeviceExecutor } from './device-executor';
import { ldapExecutor } from './ldap/ldap-executor';
import { sshExecutor } from './ssh/ssh-executor';
import { telnetExecutor } from './telnet/telnet-executor';
import { mysqlExecutor, postgresqlExecutor } from './sql/sql-executors';

/**
 * The implementations of the registered executors (shared/domain/executors.ts names them), keyed
 * by the template executor value: a template executor without an implementation does not compile.
 */
const IMPLEMENTATIONS: Readonly<Record<TemplateExecutor, DeviceExecutor>> = {
  ssh: sshExecutor,
  telnet: telnetExecutor,
  postgresql: postgresqlExecutor,
  mysql: mysqlExecutor,
  ldap: ldapExecutor,
};

export function deviceExecutorFor(templateExecutor: TemplateExecutor): DeviceExecutor {
  return IMPLEMENTATIONS[templateExecutor];
}
