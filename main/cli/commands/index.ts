import type { Command } from '../command';
import { serveCommand } from './serve';
import { statusCommand } from './status';
import { userAddCommand } from './user-commands';
import { vaultInitCommand, vaultStatusCommand } from './vault-commands';

/** Every CLI command; later features add theirs here. */
export const COMMANDS: readonly Command[] = [statusCommand, serveCommand, vaultInitCommand, vaultStatusCommand, userAddCommand];
