import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * The worker, as source evaluated in the thread (no file to bundle or resolve): it verifies a batch
 * of Ed25519 signatures over messages the main thread built (audit-signing.ts's signedBytes, so
 * what is signed has one definition) and answers whether all of them hold.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const keys = new Map();
function keyOf(spki) {
  let key = keys.get(spki);
  if (key === undefined) {
    key = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
    keys.set(spki, key);
  }
  return key;
}
parentPort.on('message', ({ publicKeys, messages, signatures }) => {
  let ok = true;
  try {
    for (let i = 0; ok && i < messages.length; i += 1) ok = verify(null, messages[i], keyOf(publicKeys[i]), Buffer.from(signatures[i], 'base64'));
  } catch {
    ok = false;
  }
  parentPort.postMessage(ok);
});
`;

const BATCH = 1_000;

interface Batch {
  publicKeys: string[];
  messages: Buffer[];
  signatures: string[];
}

/**
 * Verifies many signatures on worker threads, one per core: an Ed25519 verify costs about a
 * hundred times what reading and hashing an entry does, so `audit verify --every-signature` is
 * bound by it. Only says whether every signature held; which entry failed first, and why, is
 * for the ordered walk to say. Batches in flight are bounded, so memory stays flat however long
 * the trail; add() waits while they are.
 */
export class ParallelSignatureCheck {
  readonly #idle: Worker[] = [];
  readonly #waiting: ((worker: Worker) => void)[] = [];
  readonly #pending = new Set<Promise<void>>();
  readonly #workers: Worker[];
  #batch: Batch = { publicKeys: [], messages: [], signatures: [] };
  #allOk = true;
  #count = 0;

  constructor(threads = availableParallelism()) {
    this.#workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(WORKER_SOURCE, { eval: true }));
    this.#idle.push(...this.#workers);
  }

  /** How many signatures were handed over. */
  get count(): number {
    return this.#count;
  }

  async add(publicKey: string, message: Buffer, signature: string): Promise<void> {
    this.#count += 1;
    this.#batch.publicKeys.push(publicKey);
    this.#batch.messages.push(message);
    this.#batch.signatures.push(signature);
    if (this.#batch.messages.length >= BATCH) await this.#dispatch();
  }

  /** True when every signature added verified. Ends the workers. */
  async finish(): Promise<boolean> {
    try {
      if (this.#batch.messages.length > 0) await this.#dispatch();
      // Once one failed nothing more is sent, and what is still out does not matter.
      if (this.#allOk) await Promise.all(this.#pending);
      return this.#allOk;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }

  async #dispatch(): Promise<void> {
    const batch = this.#batch;
    this.#batch = { publicKeys: [], messages: [], signatures: [] };
    if (!this.#allOk) return;
    const worker = this.#idle.pop() ?? (await new Promise<Worker>((resolve) => this.#waiting.push(resolve)));
    if (!this.#allOk) return this.#release(worker);
    // Never rejects: a worker that fails (it should not) counts as a signature that did not hold.
    const done = new Promise<void>((resolve) => {
      const settle = (ok: boolean) => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (!ok) this.#allOk = false;
        this.#release(worker);
        resolve();
      };
      const onMessage = (ok: unknown) => settle(ok === true);
      const onError = () => settle(false);
      worker.on('message', onMessage);
      worker.on('error', onError);
    });
    const tracked = done.then(() => void this.#pending.delete(tracked));
    this.#pending.add(tracked);
    worker.postMessage(batch);
  }

  #release(worker: Worker): void {
    const next = this.#waiting.shift();
    if (next) next(worker);
    else this.#idle.push(worker);
  }
}
