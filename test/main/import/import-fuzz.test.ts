import { afterEach, describe, expect, it } from 'vitest';
import { parseImport } from '../../../main/import/parse-import';
import { IMPORT_FORMATS, MAX_IMPORT_CSV_CHARS } from '../../../shared/contract/transfer-channels';
import { envelopeSchema, int, pick, prototypeSnapshot, seededRandom, type Random } from '../../support/fuzz';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A } from '../../support/test-core';

/**
 * Malformed CSV files (random bytes, unterminated quotes, huge cells, 100k columns, NUL, mutated
 * valid exports) into the import: typed per-row errors or a clean refusal, never a crash or a hang.
 * parseImport takes thousands of files; the real core's import.preview takes a sample and the
 * extremes. SEED reproduces a failure.
 */
const SEED = Number(process.env['PAMDESK_FUZZ_SEED'] ?? 20261204);
const tempDir = useTempDirs();
const cores: ReturnType<typeof testCore>[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const VALID: Readonly<Record<(typeof IMPORT_FORMATS)[number], string>> = {
  pamdesk: 'identifier,username,hostname,ip,content,tags\r\n,app,srv01,10.0.0.1,"p,w ""q""",prod\r\n,db,srv01,10.0.0.1,x,\r\n',
  keepassxc: '"Group","Title","Username","Password","URL","Notes","TOTP"\r\n"Root/Servers","web01","root","pw","ssh://10.0.0.11:2222","a\r\nb",""\r\n',
  bitwarden: 'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\r\nServers,1,login,web01,,,0,https://web01.example:8443/,deploy,pw,\r\n',
};

function mutate(random: Random, text: string): string {
  let out = text;
  for (let i = int(random, 12); i >= 0; i -= 1) {
    const at = int(random, out.length + 1);
    const insert = pick(random, ['"', '""', ',', '\r', '\n', '\r\n', '\u0000', '\uFEFF', '\ud800', '=cmd|', 'x'.repeat(int(random, 5000)), '']);
    out = random() < 0.3 ? out.slice(0, at) + out.slice(at + 1 + int(random, 5)) : out.slice(0, at) + insert + out.slice(at);
  }
  return out;
}

function randomBytesText(random: Random): string {
  const bytes = Array.from({ length: int(random, 4000) }, () => int(random, 256));
  return random() < 0.5 ? Buffer.from(bytes).toString('latin1') : Buffer.from(bytes).toString('utf8');
}

function malformedFile(random: Random, format: (typeof IMPORT_FORMATS)[number]): string {
  const header = VALID[format].split('\r\n')[0] ?? '';
  return pick(random, [
    () => randomBytesText(random),
    () => mutate(random, VALID[format]),
    () => `${header}\r\n"never closed,${'x'.repeat(int(random, 1000))}`,
    () => `${header}\r\n${Array.from({ length: int(random, 50) }, () => mutate(random, 'a,b,c,d,e,f')).join('\r\n')}`,
    () => `${header}\r\n${'\u0000,'.repeat(int(random, 100))}\r\n`,
    () => '',
    () => header,
    () => '\uFEFF\r\n\r\n\r\n',
  ])();
}

describe('import fuzz', () => {
  it(`parseImport maps 6,000 malformed files to rows or file errors, every error saying what and how to fix (seed ${SEED})`, () => {
    const random = seededRandom(SEED);
    const started = Date.now();
    for (let i = 0; i < 6_000; i += 1) {
      const format = pick(random, IMPORT_FORMATS);
      const text = malformedFile(random, format);
      const result = parseImport(format, text);
      const errors = [...result.fileErrors, ...result.rows.flatMap((row) => (row.kind === 'error' ? row.errors : []))];
      for (const error of errors) {
        expect(error.problem.length, `seed ${SEED} file ${i}`).toBeGreaterThan(0);
        expect(error.fix.length, `seed ${SEED} file ${i}`).toBeGreaterThan(0);
        expect(Number.isInteger(error.row) && Number.isInteger(error.line), `seed ${SEED} file ${i}`).toBe(true);
      }
      expect(result.fileErrors.length > 0 || result.rows.length > 0, `seed ${SEED} file ${i}: neither rows nor a file error`).toBe(true);
    }
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it(`import.preview on a real core answers malformed and extreme files with envelopes, never INTERNAL (seed ${SEED})`, async () => {
    const core = testCore(tempDir());
    cores.push(core);
    expect((await core.call(WINDOW_A, 'vault.create', { username: 'admin', passphrase: 'import fuzz admin passphrase' })).ok).toBe(true);
    const prototypes = prototypeSnapshot();
    const random = seededRandom(SEED + 1);
    const extremes: [string, string][] = [
      ['100k columns', `${'c,'.repeat(100_000)}c\r\n${'v,'.repeat(100_000)}v\r\n`],
      ['a 5 MB cell', `username,hostname,ip,content\r\napp,srv01,10.0.0.1,"${'x'.repeat(5_000_000)}"\r\n`],
      ['a 5 MB unterminated quote', `username,hostname,ip\r\n"${'y'.repeat(5_000_000)}`],
      ['NUL everywhere', `username\u0000,hostname,ip\r\n\u0000,\u0000,\u0000\r\n`],
      ['a 100k-character hostname', `username,hostname,ip\r\napp,${'h'.repeat(100_000)},10.0.0.1\r\n`],
      ['2,000 rows of junk', `username,hostname,ip\r\n${Array.from({ length: 2_000 }, (_, i) => `u${i},"h ${i}",999.1.1.${i}`).join('\r\n')}\r\n`],
    ];
    const files = [...extremes.map(([label, text]) => ({ label, format: 'pamdesk' as const, text })), ...Array.from({ length: 60 }, (_, i) => {
      const format = pick(random, IMPORT_FORMATS);
      return { label: `random ${i}`, format, text: malformedFile(random, format) };
    })];
    for (const file of files) {
      const started = Date.now();
      const answer = await core.call(WINDOW_A, 'import.preview', { format: file.format, csvText: file.text });
      const checked = envelopeSchema.safeParse(answer);
      expect(checked.success, `seed ${SEED} ${file.label}: ${JSON.stringify(answer).slice(0, 300)}`).toBe(true);
      if (!answer.ok) expect(answer.error.code, `seed ${SEED} ${file.label}: ${answer.error.message}`).not.toBe('INTERNAL');
      else {
        const preview = answer.value as { token: string | null; errors: readonly { problem: string }[] };
        expect(preview.token === null || preview.errors.length === 0, file.label).toBe(true);
      }
      expect(Date.now() - started, `${file.label} took too long`).toBeLessThan(20_000);
    }
    // Over the limit: refused whole at the contract, before any parsing.
    const huge = await core.call(WINDOW_A, 'import.preview', { format: 'pamdesk', csvText: 'x'.repeat(MAX_IMPORT_CSV_CHARS + 1) });
    expect(huge).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/larger than 20 MB/) } });
    expect(prototypeSnapshot()).toBe(prototypes);
  }, 120_000);
});
