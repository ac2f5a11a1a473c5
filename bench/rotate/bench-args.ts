/** The command line shared by bench/rotate and bench/peer-ansible. */
export interface BenchArgs {
  readonly plugins: readonly string[] | null;
  readonly accounts: number;
  readonly concurrencies: readonly number[];
}

const USAGE = 'options: --plugin NAME[,NAME] (repeatable; default every protocol) --accounts N (default 200) --concurrency 1,8,32,64';

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let plugins: string[] | null = null;
  let accounts = 200;
  let concurrencies = [1, 8, 32, 64];
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag ?? ''} needs a value; ${USAGE}`);
    i += 1;
    if (flag === '--plugin') plugins = [...(plugins ?? []), ...value.split(',')];
    else if (flag === '--accounts') accounts = positive(flag, value);
    else if (flag === '--concurrency') concurrencies = value.split(',').map((v) => positive(flag, v));
    else throw new Error(`Unknown option ${flag ?? ''}; ${USAGE}`);
  }
  if (concurrencies.some((c) => c > 64)) throw new Error('--concurrency is at most 64 (settings.runner.globalConcurrency).');
  return { plugins, accounts, concurrencies };
}

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} takes positive whole numbers, not "${value}"; ${USAGE}`);
  return n;
}
