import { utils } from '../../main/executors/ssh/ssh2-module';

type Options = Parameters<typeof utils.generateKeyPairSync>[1];

/**
 * ssh2's own ed25519 generator writes a key its parser then rejects about once in 130 tries
 * ("Malformed OpenSSH private key"; measured 3 in 400). Test fixtures that need ssh2-made keys (an
 * encrypted one, say) take the first key ssh2 can read back. pamdesk's own generator
 * (main/policies/generate-ssh-key-pair.ts) does not have the problem: 0 in 400.
 */
export function ssh2KeyPair(options?: Options & { readonly passphrase?: string }): { readonly private: string; readonly public: string } {
  for (let attempt = 0; attempt < 20; attempt++) {
    const pair = options ? utils.generateKeyPairSync('ed25519', options) : utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.private, options?.passphrase) instanceof Error)) return pair;
  }
  throw new Error('ssh2 could not generate a readable ed25519 key in 20 tries.');
}
