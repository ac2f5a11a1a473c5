import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const RSYSLOGD = '/usr/sbin/rsyslogd';

/** Why rsyslog tests cannot run here, or null when they can (Debian: rsyslog, rsyslog-gnutls). */
export function rsyslogUnavailable(): string | null {
  if (!existsSync(RSYSLOGD)) return 'rsyslogd is not installed (apt-get install rsyslog rsyslog-gnutls)';
  if (!existsSync('/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so') && !existsSync('/usr/lib/aarch64-linux-gnu/rsyslog/lmnsd_gtls.so')) return 'the rsyslog GnuTLS driver is missing (apt-get install rsyslog-gnutls)';
  return null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A throwaway CA and a server certificate for 127.0.0.1 / localhost, made with openssl. */
export function makeTlsFiles(dir: string): { readonly caPem: string; readonly ca: string; readonly cert: string; readonly key: string } {
  const path = (name: string) => join(dir, name);
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=pamdesk throwaway test CA']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  writeFileSync(path('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '1', '-extfile', 'ext.cnf']);
  return { caPem: readFileSync(path('ca.pem'), 'utf8'), ca: path('ca.pem'), cert: path('server.pem'), key: path('server.key') };
}

export interface RsyslogPorts {
  readonly udp: number;
  readonly tcp: number;
  readonly tls: number;
}

export interface Rsyslog {
  /** Raw messages received on a transport, one per line (%rawmsg%). */
  raw(transport: keyof RsyslogPorts): string[];
  /** The same messages as rsyslog's own RFC 5424 parser split them. */
  parsed(transport: keyof RsyslogPorts): Record<string, string>[];
  stop(): Promise<void>;
}

/**
 * A real rsyslogd on loopback with a throwaway config: imudp, plain imtcp and imtcp over TLS (the
 * gtls driver), each writing the raw message and rsyslog's parse of it to its own files.
 */
export async function startRsyslog(dir: string, ports: RsyslogPorts, tls: { ca: string; cert: string; key: string }): Promise<Rsyslog> {
  const file = (transport: string, kind: string) => join(dir, `${transport}-${kind}.log`);
  const rulesets = (['udp', 'tcp', 'tls'] as const)
    .map((t) => `ruleset(name="${t}") { action(type="omfile" file="${file(t, 'raw')}" template="raw") action(type="omfile" file="${file(t, 'parsed')}" template="parsed") }`)
    .join('\n');
  const config = `
global(workDirectory="${dir}" maxMessageSize="64k" defaultNetstreamDriverCAFile="${tls.ca}" defaultNetstreamDriverCertFile="${tls.cert}" defaultNetstreamDriverKeyFile="${tls.key}")
module(load="imudp")
module(load="imtcp")
template(name="raw" type="string" string="%rawmsg%\\n")
template(name="parsed" type="list" option.jsonf="on") {
  property(outname="pri" name="pri" format="jsonf")
  property(outname="version" name="protocol-version" format="jsonf")
  property(outname="timestamp" name="timereported" dateFormat="rfc3339" format="jsonf")
  property(outname="hostname" name="hostname" format="jsonf")
  property(outname="app" name="app-name" format="jsonf")
  property(outname="procid" name="procid" format="jsonf")
  property(outname="msgid" name="msgid" format="jsonf")
  property(outname="sd" name="structured-data" format="jsonf")
  property(outname="msg" name="msg" format="jsonf")
}
${rulesets}
input(type="imudp" address="127.0.0.1" port="${ports.udp}" ruleset="udp")
input(type="imtcp" address="127.0.0.1" port="${ports.tcp}" ruleset="tcp")
input(type="imtcp" address="127.0.0.1" port="${ports.tls}" ruleset="tls" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")
`;
  const conf = join(dir, 'rsyslog.conf');
  writeFileSync(conf, config);
  const child: ChildProcess = spawn(RSYSLOGD, ['-n', '-f', conf, '-i', join(dir, 'rsyslogd.pid')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForListening(ports.tcp, () => output);
  await waitForListening(ports.tls, () => output);
  const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l !== '') : []);
  // imudp gives no sign of readiness: probe with a well-formed message until one is written.
  await waitForUdp(ports.udp, () => lines(file('udp', 'raw')).length > 0);
  return {
    raw: (t) => lines(file(t, 'raw')),
    parsed: (t) => lines(file(t, 'parsed')).map((l) => JSON.parse(l) as Record<string, string>),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function waitForListening(port: number, output: () => string): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 100; i += 1) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`rsyslogd did not listen on ${port} within 5 s: ${output()}`);
}

const UDP_PROBE = '<110>1 2024-01-01T00:00:00.000+00:00 probe pamdesk 1 probe [pamdesk@32473 probe="1"] collector readiness probe';

async function waitForUdp(port: number, arrived: () => boolean): Promise<void> {
  const { createSocket } = await import('node:dgram');
  const socket = createSocket('udp4');
  try {
    for (let i = 0; i < 100 && !arrived(); i += 1) {
      await new Promise<void>((resolve) => socket.send(UDP_PROBE, port, '127.0.0.1', () => resolve()));
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    socket.close();
  }
  if (!arrived()) throw new Error(`rsyslogd did not receive on UDP ${port} within 10 s.`);
}

/** Polls until check passes (rsyslog writes asynchronously). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
