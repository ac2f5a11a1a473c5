import { UsageError } from './command';

/** Reads a JSON object from standard input (for `... upsert` commands). */
export async function readJsonObjectFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<Record<string, unknown>> {
  if ((stdin as { isTTY?: boolean }).isTTY) throw new UsageError('pipe the JSON body on standard input, e.g. `pamdesk credential upsert < body.json`.');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') throw new UsageError('standard input was empty: send a JSON object.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`standard input is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError('standard input must hold one JSON object.');
  return value as Record<string, unknown>;
}
