import { createSocket } from 'node:dgram';
import { isIP, connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { SiemSettings } from '../../shared/contract/settings';
import { assertNever } from '../../shared/assert-never';

const CONNECT_TIMEOUT_MS = 5_000;

/** The collector as forwarding needs it; caPem is required for tls (checked in settings too). */
export type SiemTarget = Pick<SiemSettings, 'transport' | 'host' | 'port' | 'caPem'>;

/** RFC 6587 octet counting: "LENGTH SP MESSAGE", the length in bytes; no delimiter to escape. */
export function octetCountedFrame(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}

/**
 * Sends the messages in order over one connection (or one datagram each for UDP). Resolves once the
 * stream was flushed and closed cleanly; rejects with a message naming the collector otherwise.
 * Delivery is at least once: a batch cut off mid-way is sent again whole (the `entry` SD-PARAM lets
 * a SIEM drop duplicates). UDP reports only what the local stack notices, by its nature.
 */
export async function sendToCollector(target: SiemTarget, messages: readonly string[]): Promise<void> {
  if (messages.length === 0) return;
  switch (target.transport) {
    case 'udp':
      return sendUdp(target, messages);
    case 'tcp':
      return sendStream(connectTcp({ host: target.host, port: target.port }), 'connect', messages, target);
    case 'tls':
      if (!target.caPem) throw new Error("SIEM over TLS needs the collector's CA certificate; it is not configured, so nothing was sent (no plaintext fallback).");
      return sendStream(
        connectTls({
          host: target.host,
          port: target.port,
          ca: target.caPem,
          // Only this CA, and the certificate must name the host: a MITM with any public cert fails.
          rejectUnauthorized: true,
          minVersion: 'TLSv1.2',
          ...(isIP(target.host) === 0 ? { servername: target.host } : {}),
        }),
        'secureConnect',
        messages,
        target,
      );
    default:
      return assertNever(target.transport, 'SIEM transport');
  }
}

function describe(target: SiemTarget): string {
  return `${target.transport}://${target.host}:${target.port}`;
}

function sendStream(socket: Socket, readyEvent: 'connect' | 'secureConnect', messages: readonly string[], target: SiemTarget): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      socket.destroy();
      reject(new Error(`Could not deliver to the SIEM collector ${describe(target)}: ${error.message}`));
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => fail(new Error('no answer within 5 s')));
    socket.once('error', fail);
    socket.once(readyEvent, () => {
      socket.setTimeout(0);
      socket.end(Buffer.concat(messages.map(octetCountedFrame)));
    });
    // 'close' after our end() and the peer's: everything written was handed to the peer.
    socket.once('close', (hadError) => {
      if (failed) return;
      if (hadError) fail(new Error('the connection closed with an error'));
      else resolve();
    });
  });
}

function sendUdp(target: SiemTarget, messages: readonly string[]): Promise<void> {
  const socket = createSocket(isIP(target.host) === 6 ? 'udp6' : 'udp4');
  return new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      socket.close();
      reject(new Error(`Could not deliver to the SIEM collector ${describe(target)}: ${error.message}`));
    };
    socket.once('error', fail);
    socket.connect(target.port, target.host, () => {
      let pending = messages.length;
      for (const message of messages) {
        socket.send(Buffer.from(message, 'utf8'), (error) => {
          if (error) return fail(error);
          pending -= 1;
          if (pending === 0) {
            socket.close();
            resolve();
          }
        });
      }
    });
  });
}
