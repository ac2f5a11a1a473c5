import type { ParseArgsConfig } from 'node:util';
import type { Requirement } from '../../shared/roles';
import type { Logger } from '../logging/logger';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandIo {
  /** What the command prints as its result (stdout). */
  out(text: string): void;
  /** Progress and warnings (stderr), kept apart so `--json` output stays parseable. */
  err(text: string): void;
}

export interface CommandContext {
  readonly dataDir: string;
  readonly json: boolean;
  readonly io: CommandIo;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  /** Where `... upsert` commands read their JSON body. */
  readonly stdin?: NodeJS.ReadableStream;
  /** The words of the command being run, e.g. ['credential', 'list'] (recorded in its audit entry). */
  readonly commandPath?: readonly string[];
}

export type ParsedValues = Readonly<Record<string, string | boolean | readonly (string | boolean)[] | undefined>>;

export interface Command {
  /** Words that select it, e.g. ['vault', 'init']. */
  readonly path: readonly string[];
  readonly summary: string;
  /**
   * What the command needs, shown in its help. Main enforces it on the channels the command calls,
   * exactly as for the UI; this is the declaration a reader sees.
   */
  readonly requires: Requirement;
  /** The line after "pamdesk", e.g. "vault init --user NAME". */
  readonly usage: string;
  readonly options: OptionSpec;
  readonly optionHelp?: Readonly<Record<string, string>>;
  /**
   * Returns the exit code: 0 ok, 1 failure. Usage mistakes throw UsageError (exit 2). A command
   * that never returns (serve) resolves only when it stops.
   */
  run(context: CommandContext, values: ParsedValues, positionals: readonly string[]): Promise<number>;
}

/** A mistake in how the command was called: exit code 2 and the command's help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
