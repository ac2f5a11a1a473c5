/**
 * The command-line behaviour of a Cisco IOS device, as far as password templates need it: a line
 * discipline that echoes like a terminal (nothing while a password is typed), the modes
 * `Router>` → `enable` + secret → `Router#` → `configure terminal` → `Router(config)#`, and the
 * commands that change credentials, and `show running-config`, paged like IOS: " --More-- " after
 * each screen until a space (next screen) or any other key (stop). Pure: the SSH server feeds it
 * input and sends what it writes.
 */
export interface IosDeviceState {
  readonly hostname: string;
  /** Running configuration: user name → secret. */
  readonly users: Map<string, string>;
  enableSecret: string;
  /** How many times `write memory` saved the running configuration. */
  writes: number;
}

type Mode = 'user' | 'enable-password' | 'privileged' | 'config';

const INVALID = "% Invalid input detected at '^' marker.";
const MORE = ' --More-- ';
/** Lines per screen, as "terminal length 24" would give. */
const SCREEN = 23;

export class IosCli {
  private mode: Mode = 'user';
  private line = '';
  private lastWasCr = false;
  private enableTries = 0;
  private closed = false;
  /** Lines of a listing still to show while the pager waits for a key; null when not paging. */
  private paging: string[] | null = null;

  constructor(
    private readonly device: IosDeviceState,
    private readonly write: (text: string) => void,
    private readonly close: () => void,
  ) {}

  start(): void {
    this.write(`\r\n${this.prompt()}`);
  }

  input(data: string): void {
    for (const char of data) {
      if (this.closed) return;
      this.key(char);
    }
  }

  private key(char: string): void {
    if (this.paging !== null) {
      this.pagerKey(char);
      return;
    }
    const wasCr = this.lastWasCr;
    this.lastWasCr = char === '\r';
    if (char === '\n' && wasCr) return; // "\r\n" is one Enter
    if (char === '\r' || char === '\n') {
      this.write('\r\n');
      const line = this.line;
      this.line = '';
      this.execute(line);
      if (!this.closed && this.paging === null) this.write(this.prompt());
      return;
    }
    if (char === '\x7f' || char === '\b') {
      if (this.line.length === 0) return;
      this.line = [...this.line].slice(0, -1).join('');
      if (this.mode !== 'enable-password') this.write('\b \b');
      return;
    }
    if (char < ' ') return; // other control keys do nothing here
    this.line += char;
    if (this.mode !== 'enable-password') this.write(char);
  }

  private prompt(): string {
    const name = this.device.hostname;
    switch (this.mode) {
      case 'user':
        return `${name}>`;
      case 'enable-password':
        return 'Password: ';
      case 'privileged':
        return `${name}#`;
      case 'config':
        return `${name}(config)#`;
    }
  }

  private execute(raw: string): void {
    if (this.mode === 'enable-password') {
      this.checkEnableSecret(raw);
      return;
    }
    const line = raw.trim().replace(/\s+/g, ' ');
    if (line === '') return;
    const lower = line.toLowerCase();
    const handled =
      this.mode === 'user' ? this.userCommand(lower) : this.mode === 'privileged' ? this.privilegedCommand(lower) : this.configCommand(raw.trim(), lower);
    if (!handled) this.write(`${' '.repeat(this.prompt().length)}^\r\n${INVALID}\r\n\r\n`);
  }

  private userCommand(lower: string): boolean {
    if (lower === 'enable' || lower === 'en') {
      this.mode = 'enable-password';
      this.enableTries = 0;
      return true;
    }
    return this.exitCommand(lower);
  }

  private showRunningConfig(): void {
    const lines = ['Building configuration...', '', 'Current configuration : 4242 bytes', '!', `hostname ${this.device.hostname}`, '!'];
    for (const [name] of this.device.users) lines.push(`username ${name} privilege 15 secret 5 $1$hidden$hashhashhash`);
    for (let i = 1; i <= 60; i += 1) lines.push(`interface GigabitEthernet0/${i}`, ' no ip address', ' shutdown', '!');
    lines.push('end', '');
    this.paging = lines;
    this.nextScreen();
  }

  private nextScreen(): void {
    const lines = this.paging ?? [];
    const screen = lines.splice(0, SCREEN);
    this.write(screen.map((line) => `${line}\r\n`).join(''));
    if (lines.length > 0) {
      this.write(MORE);
      return;
    }
    this.paging = null;
    this.write(this.prompt());
  }

  private pagerKey(char: string): void {
    // IOS erases the pager prompt before going on.
    this.write(`${'\b'.repeat(MORE.length)}${' '.repeat(MORE.length)}${'\b'.repeat(MORE.length)}`);
    if (char === ' ') {
      this.nextScreen();
      return;
    }
    this.paging = null;
    this.write(this.prompt());
  }

  private privilegedCommand(lower: string): boolean {
    if (/^sh(ow)? run(ning-config)?$/.test(lower)) {
      this.showRunningConfig();
      return true;
    }
    if (/^conf(igure)? t(erminal)?$/.test(lower)) {
      this.write('Enter configuration commands, one per line.  End with CNTL/Z.\r\n');
      this.mode = 'config';
      return true;
    }
    if (/^(wr(ite)?( mem(ory)?)?|copy run(ning-config)? start(up-config)?)$/.test(lower)) {
      this.device.writes += 1;
      this.write('Building configuration...\r\n[OK]\r\n');
      return true;
    }
    if (lower === 'disable') {
      this.mode = 'user';
      return true;
    }
    return this.exitCommand(lower);
  }

  private configCommand(line: string, lower: string): boolean {
    if (lower === 'end' || lower === 'exit') {
      this.mode = 'privileged';
      return true;
    }
    // IOS takes the secret as the rest of the line; a leading "0 " says it is given in clear text.
    const user = /^username (\S+) (?:privilege \d+ )?secret (?:0 )?(.+)$/i.exec(line);
    if (user?.[1] !== undefined && user[2] !== undefined) {
      this.device.users.set(user[1], user[2]);
      return true;
    }
    const enable = /^enable secret (?:0 )?(.+)$/i.exec(line);
    if (enable?.[1] !== undefined) {
      this.device.enableSecret = enable[1];
      return true;
    }
    return false;
  }

  private exitCommand(lower: string): boolean {
    if (lower !== 'exit' && lower !== 'logout' && lower !== 'quit') return false;
    this.closed = true;
    this.close();
    return true;
  }

  private checkEnableSecret(secret: string): void {
    if (secret === this.device.enableSecret) {
      this.mode = 'privileged';
      return;
    }
    this.enableTries += 1;
    if (this.enableTries >= 3) {
      this.write('% Bad secrets\r\n\r\n');
      this.mode = 'user';
    }
  }
}
