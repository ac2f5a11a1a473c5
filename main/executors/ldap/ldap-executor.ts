import type { DeviceExecutor } from '../device-executor';
import { loginBudgetMs } from '../ssh/script-budget';
import { DEFAULT_TIMEOUTS } from '../ssh/ssh-types';
import { parseLdapTemplate } from './parse-ldap-template';
import { ldapTimeouts, renderLdapTemplate } from './render-ldap-template';
import { ldapKeyRefusal, runLdapProgram } from './run-ldap-program';
import { tryLdapLogin } from './try-ldap-login';

/**
 * LDAP (OpenLDAP, Active Directory): Segura's LDAP template language (bind, find, mod-*, u(...))
 * and pamdesk's password-modify (RFC 3062), over LDAPS or StartTLS only, with the server's
 * certificate pinned per device like an SSH host key. Passwords only: a bind takes no key.
 */
export const ldapExecutor: DeviceExecutor = {
  templateExecutor: 'ldap',
  compile(source, variables) {
    const parsed = parseLdapTemplate(source, variables);
    return {
      diagnostics: parsed.diagnostics,
      budgetMs(base) {
        const timeouts = ldapTimeouts(parsed.steps, {
          connectTimeoutMs: base.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectTimeoutMs,
          operationTimeoutMs: base.readTimeoutMs ?? DEFAULT_TIMEOUTS.readTimeoutMs,
        });
        // Connect, StartTLS, each request and the unbind each wait at most their timeout.
        const requests = parsed.steps.filter((s) => s.kind !== 'set-option').length + 2;
        return loginBudgetMs({ connectTimeoutMs: timeouts.connectTimeoutMs }) + requests * timeouts.operationTimeoutMs;
      },
      render(values) {
        const rendered = renderLdapTemplate(parsed.steps, values);
        return {
          secrets: rendered.secrets,
          lines: rendered.lines,
          run: (target, auth, options) =>
            runLdapProgram(target, auth, {
              steps: rendered.steps,
              secrets: rendered.secrets,
              timeouts: ldapTimeouts(parsed.steps, {
                connectTimeoutMs: options.timeouts?.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectTimeoutMs,
                operationTimeoutMs: options.timeouts?.readTimeoutMs ?? DEFAULT_TIMEOUTS.readTimeoutMs,
              }),
              ...(options.signal ? { signal: options.signal } : {}),
            }),
        };
      },
    };
  },
  tryLogin: (target, auth, options) => tryLdapLogin(target, auth, options),
  refuseAuth: (auth) => ('password' in auth ? null : ldapKeyRefusal(auth.username)),
};
