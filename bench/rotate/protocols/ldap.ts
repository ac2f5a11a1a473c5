import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { PASSWORD_MODIFY_OID, passwordModifyRequest } from '../../../main/executors/ldap/run-ldap-program';
import { isSlapdInstalled, SLAPD_SKIP_REASON, startSlapd } from '../../../test/support/targets/slapd';
import type { RotateProtocol, RotateTarget } from '../protocol';

/** The bench's own directory administrator (write on userPassword), to put the passwords back between passes. */
const ADMIN = { cn: 'bench-admin', password: 'bench-admin-pw-1' };

/** An LDAPS session that trusts exactly the target's certificate (the floor's equivalent of pamdesk's pin). */
function ldaps(port: number, ca: string): Client {
  return new Client({ url: `ldaps://127.0.0.1:${port}`, tlsOptions: { ca, minVersion: 'TLSv1.2' } });
}

/** The slapd target with the certificate the floor trusts. */
interface LdapTarget extends RotateTarget {
  readonly ca: string;
}

/**
 * LDAP: Debian's slapd (test/support/targets/slapd.ts) over LDAPS; the floor is ldapts alone binding
 * as the account, the RFC 3062 Password Modify extended operation with the old password (the server
 * hashes the new one, {SSHA}), then a fresh bind; pamdesk runs the built-in OpenLDAP own-password
 * template. The accounts log in by DN.
 */
export const ldapProtocol: RotateProtocol<LdapTarget> = {
  plugin: 'LDAP',
  missing: () => (isSlapdInstalled() ? null : SLAPD_SKIP_REASON),
  async start(accounts) {
    const slapd = await startSlapd({ accounts: [...accounts.map((a) => ({ cn: a.username, password: a.password })), { ...ADMIN, admin: true }] });
    const ca = readFileSync(join(slapd.dir, 'cert.pem'), 'utf8');
    return {
      host: slapd.host,
      port: slapd.ldapsPort,
      connectivities: `LDAPS:${slapd.ldapsPort},LDAP:${slapd.ldapPort}`,
      pin: { fingerprint: slapd.fingerprint, protocol: 'LDAP' },
      loginName: (u) => slapd.dnOf(u),
      maxConcurrency: null,
      ca,
      async setPasswords(list) {
        // As the administrator, Password Modify with a userIdentity and no old password: hashed by the server as the rotations are.
        const client = ldaps(slapd.ldapsPort, ca);
        try {
          await client.bind(slapd.dnOf(ADMIN.cn), ADMIN.password);
          for (const a of list) await client.exop(PASSWORD_MODIFY_OID, passwordModifyRequest(slapd.dnOf(a.username), null, a.password));
        } finally {
          await client.unbind();
        }
      },
      stop: () => slapd.stop(),
    };
  },
  async bareRotation(target, dn, current, next) {
    const session = ldaps(target.port, target.ca);
    try {
      await session.bind(dn, current);
      await session.exop(PASSWORD_MODIFY_OID, passwordModifyRequest(null, current, next));
    } finally {
      await session.unbind();
    }
    const fresh = ldaps(target.port, target.ca);
    await fresh.bind(dn, next);
    await fresh.unbind();
  },
  template: { name: 'OpenLDAP - Change own password' },
};
