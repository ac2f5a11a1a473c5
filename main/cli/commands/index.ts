import type { Command } from '../command';
import { auditExportCommand, auditVerifyCommand } from './audit-commands';
import { bulkApproveCommand, bulkCancelCommand, bulkListCommand, bulkPreviewCommand, bulkRejectCommand, bulkRequestCommand, bulkShowCommand } from './bulk-commands';
import { credentialListCommand, credentialShowCommand, credentialUpsertCommand } from './credential-commands';
import { credentialResetCommand } from './reset-command';
import { credentialHistoryCommand, credentialRestoreHistoryCommand, credentialRevealHistoryCommand } from './history-commands';
import { deviceTrustCommand, deviceUpsertCommand, domainAddCommand } from './device-commands';
import { deviceEditCommand, deviceListCommand, deviceMergeCommand, recordLifecycleCommands } from './record-commands';
import {
  operationsApproveCommand,
  operationsAttemptsCommand,
  operationsRejectCommand,
  operationsCancelCommand,
  operationsListCommand,
  operationsNowCommand,
  operationsRestartCommand,
  operationsRevealCandidateCommand,
  operationsSettleCommand,
  rotateCommand,
  verifyCommand,
  reconcileCommand,
  operationsShowCommand,
  operationsPendingCommand,
  attemptsListCommand,
} from './operation-commands';
import { runnerCommand } from './runner-command';
import { serveCommand } from './serve';
import { statusCommand } from './status';
import { templateImportCommand, templateLintCommand, templateListCommand } from './template-commands';
import { exportCommand, importCommand } from './transfer-commands';
import { userAddCommand, userDisableCommand, userEnableCommand, userListCommand, userRemoveCommand, userRoleCommand, vaultRotateKeysCommand } from './user-commands';
import { vaultInitCommand, vaultStatusCommand } from './vault-commands';

/** Every CLI command; later features add theirs here. */
export const COMMANDS: readonly Command[] = [
  statusCommand,
  serveCommand,
  vaultInitCommand,
  vaultStatusCommand,
  vaultRotateKeysCommand,
  userListCommand,
  userAddCommand,
  userRoleCommand,
  userDisableCommand,
  userEnableCommand,
  userRemoveCommand,
  domainAddCommand,
  deviceUpsertCommand,
  deviceEditCommand,
  deviceMergeCommand,
  deviceListCommand,
  ...recordLifecycleCommands,
  deviceTrustCommand,
  credentialUpsertCommand,
  credentialListCommand,
  credentialShowCommand,
  credentialHistoryCommand,
  credentialRevealHistoryCommand,
  credentialRestoreHistoryCommand,
  auditVerifyCommand,
  auditExportCommand,
  importCommand,
  exportCommand,
  rotateCommand,
  verifyCommand,
  reconcileCommand,
  credentialResetCommand,
  operationsListCommand,
  operationsShowCommand,
  operationsPendingCommand,
  attemptsListCommand,
  operationsAttemptsCommand,
  operationsCancelCommand,
  operationsRestartCommand,
  operationsNowCommand,
  operationsApproveCommand,
  operationsRejectCommand,
  operationsSettleCommand,
  operationsRevealCandidateCommand,
  runnerCommand,
  templateLintCommand,
  templateImportCommand,
  templateListCommand,
  bulkPreviewCommand,
  bulkRequestCommand,
  bulkListCommand,
  bulkShowCommand,
  bulkApproveCommand,
  bulkRejectCommand,
  bulkCancelCommand,
];
