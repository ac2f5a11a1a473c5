import { randomUUID } from 'node:crypto';
import type { ImportFormat } from '../../shared/contract/transfer-channels';
import type { MappedRow } from './import-row';

const PREVIEW_TTL_MS = 15 * 60_000;

interface PendingImport {
  readonly userId: string;
  readonly format: ImportFormat;
  readonly rows: readonly MappedRow[];
  readonly expiresAt: number;
}

/**
 * Previewed imports waiting for their commit, in main's memory only: the rows hold the file's
 * passwords, so they never go to the renderer or to disk, are used once, expire after 15 minutes,
 * and are all dropped when the vault locks.
 */
export class ImportPreviews {
  readonly #pending = new Map<string, PendingImport>();

  constructor(private readonly now: () => Date) {}

  put(userId: string, format: ImportFormat, rows: readonly MappedRow[]): { readonly token: string; readonly expiresAt: string } {
    this.#sweep();
    const token = randomUUID();
    const expiresAt = this.now().getTime() + PREVIEW_TTL_MS;
    this.#pending.set(token, { userId, format, rows, expiresAt });
    return { token, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The preview for this user, removed whatever happens next (a token is good for one commit). */
  take(token: string, userId: string): { readonly format: ImportFormat; readonly rows: readonly MappedRow[] } | undefined {
    this.#sweep();
    const pending = this.#pending.get(token);
    if (!pending || pending.userId !== userId) return undefined;
    this.#pending.delete(token);
    return pending;
  }

  clear(): void {
    this.#pending.clear();
  }

  #sweep(): void {
    const now = this.now().getTime();
    for (const [token, pending] of this.#pending) if (pending.expiresAt <= now) this.#pending.delete(token);
  }
}
