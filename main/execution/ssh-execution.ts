import type { CoreOptions } from '../core/create-core';
import { policyCandidateGenerator } from './candidate-generator';
import { createSshExecutionPort, type SshPortOptions } from './ssh-execution-port';

/**
 * The production wiring of the runner: SSH to devices, candidates from policies. `background`
 * makes the runner work whenever the vault is open (desktop app, headless host).
 */
export function sshExecution(background: boolean, runnerOptions?: NonNullable<CoreOptions['execution']>['runnerOptions'], portOptions: SshPortOptions = {}): NonNullable<CoreOptions['execution']> {
  return {
    background,
    port: (vault) => createSshExecutionPort(vault.database.db, vault.fields, portOptions),
    generator: (vault) => policyCandidateGenerator(vault.database.db),
    ...(runnerOptions ? { runnerOptions } : {}),
  };
}
