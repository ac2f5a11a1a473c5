import { maskAcross } from '../../security/mask-secrets';
import type { Transcript, TranscriptEntry } from './ssh-types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Collects what a run sent and received, with the time since the run started. Received chunks in a
 * row are merged into one entry. Nothing leaves unmasked: entries are only handed out by
 * `masked()`, which masks the received stream as a whole (a secret split across chunks or entries
 * is still caught) and every other entry on its own.
 */
export class TranscriptRecorder {
  private readonly startedAt = Date.now();
  private readonly entries: Mutable<TranscriptEntry>[] = [];

  constructor(private readonly secrets: readonly string[]) {}

  step(line: number, text: string): void {
    this.entries.push({ atMs: this.now(), kind: 'step', line, text });
  }

  sent(text: string): void {
    this.entries.push({ atMs: this.now(), kind: 'sent', text });
  }

  received(text: string): void {
    if (text === '') return;
    const last = this.entries.at(-1);
    if (last?.kind === 'received') last.text += text;
    else this.entries.push({ atMs: this.now(), kind: 'received', text });
  }

  note(text: string): void {
    this.entries.push({ atMs: this.now(), kind: 'note', text });
  }

  masked(): Transcript {
    const received = this.entries.filter((entry) => entry.kind === 'received');
    const maskedReceived = maskAcross(received.map((entry) => entry.text), this.secrets);
    let next = 0;
    return this.entries.map((entry): TranscriptEntry => {
      const text = entry.kind === 'received' ? (maskedReceived[next++] ?? '') : maskAcross([entry.text], this.secrets)[0] ?? '';
      return { ...entry, text };
    });
  }

  private now(): number {
    return Date.now() - this.startedAt;
  }
}

/** A transcript as plain text for a log view: one line per step, sent text and device output. */
export function formatTranscript(transcript: Transcript): string {
  return transcript
    .map((entry) => {
      const at = `[${(entry.atMs / 1000).toFixed(3)}s]`;
      switch (entry.kind) {
        case 'step':
          return `${at} line ${entry.line}: ${entry.text}`;
        case 'sent':
          return `${at} >> ${JSON.stringify(entry.text)}`;
        case 'received':
          return `${at} << ${JSON.stringify(entry.text)}`;
        case 'note':
          return `${at} -- ${entry.text}`;
      }
    })
    .join('\n');
}
