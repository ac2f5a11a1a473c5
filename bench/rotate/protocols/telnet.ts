import { BUILTIN_TEMPLATES, readBuiltinTemplate } from '../../../main/templates/builtin/builtin-templates';
import { isTelnetdInstalled, startTelnetd, TELNETD_SKIP_REASON } from '../../../test/support/targets/linux-telnetd';
import { bareTelnetRotation } from '../bare-telnet';
import { startBenchLinuxTarget } from '../linux-bench-target';
import type { RotateProtocol } from '../protocol';

const OWN_PASSWORD = BUILTIN_TEMPLATES.find((t) => t.name === 'Linux - Change own password');
if (OWN_PASSWORD === undefined) throw new Error('The built-in "Linux - Change own password" template is missing.');

/**
 * Telnet: Debian's inetutils-telnetd in front of the Linux target's login and PAM
 * (test/support/targets/linux-telnetd.ts); the floor is a socket with Telnet negotiation; pamdesk
 * runs the built-in own-password template saved as a Telnet template (same language, same body).
 */
export const telnetProtocol: RotateProtocol = {
  plugin: 'Telnet',
  missing: () => (isTelnetdInstalled() ? null : TELNETD_SKIP_REASON),
  async start(accounts) {
    const { linux, setPasswords } = await startBenchLinuxTarget(accounts);
    try {
      const telnet = await startTelnetd(linux);
      return {
        host: telnet.host,
        port: telnet.port,
        connectivities: `Telnet:${telnet.port}`,
        pin: null,
        loginName: (u) => u,
        maxConcurrency: null,
        setPasswords,
        stop: async () => {
          await telnet.stop();
          await linux.stop();
        },
      };
    } catch (error) {
      await linux.stop();
      throw error;
    }
  },
  bareRotation: (target, username, current, next) => bareTelnetRotation(target.host, target.port, username, current, next),
  template: { name: 'Linux (Telnet) - Change own password', save: { executor: 'telnet', body: readBuiltinTemplate(OWN_PASSWORD) } },
};
