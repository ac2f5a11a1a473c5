import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchAccount } from '../rotate/protocol';

const run = promisify(execFile);
const PLAYBOOK = '/usr/bin/ansible-playbook';
const SSHPASS = '/usr/bin/sshpass';
/** Longer than any healthy pass of 200 accounts at concurrency 1 on a loaded machine. */
const STUCK_MS = 3_600_000;

/** Why the peer cannot run here, or null. */
export function ansibleMissing(): string | null {
  if (!existsSync(PLAYBOOK)) return `${PLAYBOOK} is missing (apt-get install ansible-core)`;
  if (!existsSync(SSHPASS)) return `${SSHPASS} is missing (apt-get install sshpass); Ansible needs it for password logins`;
  return null;
}

/**
 * The two plays: as root, ansible.builtin.user sets each account's password (hashed by Ansible's
 * password_hash, SHA-512 crypt, as Debian's passwd does); then each account logs in afresh with its
 * new password (a raw command: the cheapest login Ansible has). Each account is its own inventory
 * host on the same server, so forks are the concurrency.
 */
const PLAYS = `
- hosts: all
  gather_facts: false
  tasks:
    - ansible.builtin.user:
        name: "{{ account }}"
        password: "{{ new_password | password_hash('sha512') }}"
- hosts: all
  gather_facts: false
  vars:
    ansible_user: "{{ account }}"
    ansible_password: "{{ new_password }}"
  tasks:
    - ansible.builtin.raw: "true"
`;

/**
 * One timed ansible-playbook run over every account with `forks` = concurrency; rejects unless every
 * host ended ok. Host-key checking is off and pipelining on: both favour Ansible (pamdesk pins the
 * host key). The inventory holds the bench's throwaway passwords in a 0700 directory removed after.
 */
export async function ansiblePass(host: string, port: number, rootPassword: string, accounts: readonly BenchAccount[], concurrency: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'pamdesk-bench-ansible-'));
  try {
    mkdirSync(join(dir, 'cp'));
    mkdirSync(join(dir, 'local'));
    const hosts = Object.fromEntries(accounts.map((a) => [`acct-${a.username}`, { account: a.username, new_password: `${a.username}-${randomBytes(9).toString('base64url')}` }]));
    const inventory = { all: { hosts, vars: { ansible_host: host, ansible_port: port, ansible_user: 'root', ansible_password: rootPassword, ansible_connection: 'ssh' } } };
    // JSON is YAML: no quoting rules to get wrong for the values.
    writeFileSync(join(dir, 'inventory.yml'), JSON.stringify(inventory), { mode: 0o600 });
    writeFileSync(join(dir, 'plays.yml'), PLAYS, { mode: 0o600 });
    writeFileSync(join(dir, 'ansible.cfg'), '', { mode: 0o600 });
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      ANSIBLE_CONFIG: join(dir, 'ansible.cfg'),
      ANSIBLE_HOST_KEY_CHECKING: 'False',
      ANSIBLE_PIPELINING: 'True',
      ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3',
      ANSIBLE_SSH_CONTROL_PATH_DIR: join(dir, 'cp'),
      ANSIBLE_LOCAL_TEMP: join(dir, 'local'),
      ANSIBLE_RETRY_FILES_ENABLED: 'False',
      ANSIBLE_NOCOWS: '1',
    };
    const start = performance.now();
    try {
      await run(PLAYBOOK, ['-i', join(dir, 'inventory.yml'), '-f', String(concurrency), join(dir, 'plays.yml')], { env, timeout: STUCK_MS, maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const out = (error as { stdout?: string }).stdout ?? '';
      throw new Error(`ansible-playbook did not end ok for every account: ${out.slice(-1500)}`, { cause: error });
    }
    return (performance.now() - start) / 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
