/** The files and the namespace script behind the Linux SSH target (see linux-sshd.ts). */

export interface NamespaceAccount {
  readonly username: string;
  readonly sudo: boolean;
}

const USERNAME = /^[a-z_][a-z0-9_-]{0,30}$/;

export function assertSafeUsername(username: string): void {
  if (!USERNAME.test(username)) {
    throw new Error(`Test account name "${username}" is not a plain Linux user name (lowercase letters, digits, _ and -).`);
  }
}

export function sshdConfig(dir: string, port: number): string {
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${dir}/ssh_host_ed25519_key`,
    `HostKey ${dir}/ssh_host_rsa_key`,
    `PidFile ${dir}/sshd.pid`,
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication yes',
    'PubkeyAuthentication yes',
    'AuthorizedKeysFile .ssh/authorized_keys',
    // PAM is what a real host uses for passwd, account checks and sessions; it works in the namespace.
    'UsePAM yes',
    // The "as root" templates log in as root.
    'PermitRootLogin yes',
    'StrictModes yes',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    // Tests open many short connections in a row; the default 10:30:100 would drop some.
    'MaxStartups 100',
    'LoginGraceTime 20',
    'Subsystem sftp internal-sftp',
    '',
  ].join('\n');
}

/**
 * The shell script run as PID 1 of a new mount + PID namespace ($1 is the target's temp folder).
 * Everything that must see the test accounts (useradd, chpasswd, sshd's getpwnam, PAM, passwd,
 * sudo) runs in here, against a private copy of /etc; /home, /root, /run and /var/log are tmpfs, so
 * no host account, home, lastlog or wtmp is touched.
 */
export function namespaceScript(accounts: readonly NamespaceAccount[]): string {
  for (const account of accounts) assertSafeUsername(account.username);
  const addUsers = accounts.map((a) => `useradd -m -s /bin/bash${a.sudo ? ' -G sudo' : ''} ${a.username}`);
  return [
    'set -eu',
    'dir="$1"',
    'cp -a /etc/. "$dir/etc/"',
    // Each rejected password would otherwise cost pam_unix's 2 s delay (twice: password, then
    // keyboard-interactive); the accept/reject decision itself is unchanged.
    `sed -i 's/pam_unix.so nullok$/pam_unix.so nullok nodelay/' "$dir/etc/pam.d/common-auth"`,
    // Containers often lack CAP_AUDIT_CONTROL; a "required" pam_loginuid would then refuse every session.
    `sed -i 's/^session[[:space:]]\\+required[[:space:]]\\+pam_loginuid.so/session optional pam_loginuid.so/' "$dir/etc/pam.d/sshd"`,
    'mount --bind "$dir/etc" /etc',
    'for d in /home /root /run /var/log; do mount -t tmpfs -o mode=0755 tmpfs "$d"; done',
    'chmod 0700 /root',
    // sudo keeps its "lecture given" marks here; keep them private too.
    'if [ -d /var/lib/sudo ]; then mount -t tmpfs -o mode=0711 tmpfs /var/lib/sudo; fi',
    // sshd's privilege-separation chroot; compiled in as /run/sshd.
    'mkdir -m 0755 /run/sshd',
    ...addUsers,
    'chpasswd < "$dir/chpasswd"',
    'rm -f "$dir/chpasswd"',
    '/usr/sbin/sshd -D -e -f "$dir/sshd_config" &',
    'sshd_pid=$!',
    // The test process holds our stdin open. When it closes (stop(), or the test process dies even by
    // SIGKILL) the watcher kills sshd; when sshd exits for any reason this shell, PID 1 of the
    // namespace, exits and the kernel kills whatever is left in it (sessions, passwd, sudo).
    // An asynchronous list gets /dev/null as stdin unless redirected explicitly, hence fd 3.
    'exec 3<&0',
    // The watcher also removes the temp folder: if the test process died, nobody else will. It does so
    // before killing sshd, because once sshd is gone this namespace (and the watcher) goes too.
    '( cat <&3 >/dev/null; rm -rf "$dir"; kill -KILL "$sshd_pid" ) &',
    'wait "$sshd_pid"',
    '',
  ].join('\n');
}
