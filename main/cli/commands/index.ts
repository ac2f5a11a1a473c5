import type { Command } from '../command';
import { serveCommand } from './serve';
import { statusCommand } from './status';

/** Every CLI command; later features add theirs here. */
export const COMMANDS: readonly Command[] = [statusCommand, serveCommand];
