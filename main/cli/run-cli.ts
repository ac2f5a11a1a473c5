import { parseArgs } from 'node:util';
import { createLogger, silentLogger } from '../logging/logger';
import { defaultDataDir } from '../core/data-dir';
import { PAMDESK_VERSION } from '../core/version';
import { UsageError, type Command, type CommandIo } from './command';
import { GLOBAL_OPTIONS } from './global-options';
import { commandHelp, overviewHelp } from './help';

export interface CliRuntime {
  readonly io: CommandIo;
  readonly env: NodeJS.ProcessEnv;
  readonly stdin?: NodeJS.ReadableStream;
}

/** The words before any option, skipping the values of global options given before the command. */
function commandWords(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      const name = arg.replace(/^--?/, '');
      if (!arg.includes('=') && GLOBAL_OPTIONS[name]?.type === 'string') i++;
      continue;
    }
    words.push(arg);
  }
  return words;
}

/** Finds the command whose path is the longest prefix of the words given. */
function findCommand(commands: readonly Command[], words: readonly string[]): Command | undefined {
  let best: Command | undefined;
  for (const command of commands) {
    const matches = command.path.every((word, i) => words[i] === word);
    if (matches && (!best || command.path.length > best.path.length)) best = command;
  }
  return best;
}

/** Runs one CLI invocation and returns its exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: readonly string[], commands: readonly Command[], runtime: CliRuntime): Promise<number> {
  const { io, env } = runtime;
  const words = commandWords(argv);
  const command = findCommand(commands, words);

  if (!command) {
    if (argv.includes('--version') || argv.includes('-v')) {
      io.out(PAMDESK_VERSION);
      return 0;
    }
    if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
      io.out(overviewHelp(commands));
      return 0;
    }
    io.err(`pamdesk: unknown command "${words.join(' ')}". Run \`pamdesk --help\` to list the commands.`);
    return 2;
  }

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`pamdesk ${command.path.join(' ')}: ${error instanceof Error ? error.message : String(error)}`);
    io.err(commandHelp(command));
    return 2;
  }
  const values = parsed.values;
  if (values['help'] === true) {
    io.out(commandHelp(command));
    return 0;
  }
  const positionals = parsed.positionals.slice(command.path.length);
  const json = values['json'] === true;
  const dataDirValue = values['data-dir'];
  const context = {
    dataDir: typeof dataDirValue === 'string' ? dataDirValue : defaultDataDir(env),
    json,
    io,
    env,
    logger: json ? silentLogger : createLogger({ level: 'warn' }),
    commandPath: command.path,
    ...(runtime.stdin ? { stdin: runtime.stdin } : {}),
  };
  try {
    return await command.run(context, values, positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`pamdesk ${command.path.join(' ')}: ${error.message}`);
      io.err(commandHelp(command));
      return 2;
    }
    io.err(`pamdesk ${command.path.join(' ')} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
