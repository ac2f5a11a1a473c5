import type { RotateProtocol } from '../protocol';
import { ldapProtocol } from './ldap';
import { mysqlProtocol } from './mysql';
import { postgresqlProtocol } from './postgresql';
import { sshProtocol } from './ssh';
import { telnetProtocol } from './telnet';

/** Every protocol bench/rotate measures, in --plugin order; a new executor adds its module here. */
export const PROTOCOLS: readonly RotateProtocol[] = [sshProtocol, telnetProtocol, postgresqlProtocol, mysqlProtocol, ldapProtocol];

export function protocolNamed(plugin: string): RotateProtocol {
  const found = PROTOCOLS.find((p) => p.plugin.toLowerCase() === plugin.trim().toLowerCase());
  if (found === undefined) throw new Error(`bench/rotate has no protocol "${plugin}": choose one of ${PROTOCOLS.map((p) => p.plugin).join(', ')}.`);
  return found;
}
