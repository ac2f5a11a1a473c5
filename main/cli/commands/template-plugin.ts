import { basename, dirname, resolve } from 'node:path';
import { cleartextWarning, EXECUTOR_NAMES, findExecutor, findUnsupportedExecutor, unregisteredPluginMessage, type Executor } from '../../../shared/domain/executors';
import { DEVICE_SHELLS, isDeviceShell, type DeviceShell } from '../../../shared/domain/device-shell';
import { UsageError } from '../command';

/**
 * The executor a template file is for: `--plugin NAME`, else the folder it sits in when it comes
 * from Segura's library (<Executor>/<Operation>/<file>, e.g. "Tk Expect/Change password/X"), else
 * SSH. A plugin pamdesk does not have is refused by name, before its text is read as a template.
 */
export function templatePlugin(option: unknown, file: string): { readonly ok: true; readonly executor: Executor } | { readonly ok: false; readonly message: string } {
  const named = typeof option === 'string' ? option : libraryExecutorOf(file);
  if (named === undefined) return { ok: true, executor: findExecutor('SSH') ?? unreachable() };
  const executor = findExecutor(named);
  return executor === undefined ? { ok: false, message: `${file}: ${unregisteredPluginMessage(named)}` } : { ok: true, executor };
}

/** The executor folder of a file in Segura's library layout, when that folder names an executor. */
function libraryExecutorOf(file: string): string | undefined {
  const folder = basename(dirname(dirname(resolve(file))));
  return findExecutor(folder)?.name ?? findUnsupportedExecutor(folder);
}

/** `--shell`: lint as for a device with that shell; absent lints without a device. */
export function lintShell(option: unknown): DeviceShell | undefined {
  if (option === undefined) return undefined;
  if (!isDeviceShell(option)) throw new UsageError(`--shell must be ${DEVICE_SHELLS.join(' or ')}: the shell of the devices the template runs on.`);
  return option;
}

export function pluginHelp(): string {
  return `the executor the template is for: ${EXECUTOR_NAMES.join(', ')} (default: the Segura library folder it is in, else SSH)`;
}

/** Printed to stderr when a cleartext executor is chosen. */
export function pluginNotice(executor: Executor): string | null {
  const warning = cleartextWarning(executor);
  return warning === null ? null : `Warning: ${warning}`;
}

function unreachable(): never {
  throw new Error('SSH is not in the executor registry.');
}
