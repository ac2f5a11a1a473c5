import type { AnyAuthMethod } from 'ssh2';
import { Client } from '../../../main/executors/ssh/ssh2-module';
import { fingerprintOfPublicKeyLine } from './ssh-fingerprint';

export interface LoginTarget {
  readonly host: string;
  readonly port: number;
  readonly hostKeyFingerprint: string;
}

/**
 * A fresh SSH login with a password (password or keyboard-interactive), independent of the
 * executor under test: this is the oracle that proves a change. It only authenticates; it opens no
 * shell. Anything other than a clear accept or reject is thrown, so a test cannot mistake an
 * unreachable target for a rejected password.
 */
export function tryPasswordLogin(target: LoginTarget, username: string, password: string, timeoutMs = 10_000): Promise<'accepted' | 'rejected'> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    const methods: AnyAuthMethod[] = [
      { type: 'password', username, password },
      { type: 'keyboard-interactive', username, prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => password)) },
    ];
    let settled = false;
    const settle = (outcome: 'accepted' | 'rejected' | Error): void => {
      if (settled) return;
      settled = true;
      client.end();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    client.on('ready', () => settle('accepted'));
    client.on('error', (error: Error & { level?: string }) => {
      settle(error.level === 'client-authentication' ? 'rejected' : new Error(`Login probe to ${target.host}:${target.port} failed: ${error.message}`));
    });
    client.on('close', () => settle(new Error('The connection closed before the login was decided.')));
    client.connect({
      host: target.host,
      port: target.port,
      username,
      readyTimeout: timeoutMs,
      hostVerifier: (key: Buffer) => fingerprintOfPublicKeyLine(`x ${key.toString('base64')}`) === target.hostKeyFingerprint,
      authHandler: methods,
    });
  });
}
