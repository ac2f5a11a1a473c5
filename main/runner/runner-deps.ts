import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { RunnerSettings } from '../../shared/contract/settings';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { FieldCipher } from '../vault/field-cipher';
import type { OperationState } from './operation-model';
import type { CandidateGenerator, ExecutionPort } from './ports';

export interface FinishedOperation {
  readonly id: number;
  readonly code: string;
  readonly credentialId: number;
  readonly state: OperationState;
  readonly message: string | null;
}

export interface RunnerDeps {
  readonly db: Kysely<VaultDatabase>;
  readonly driver: Database.Database;
  readonly fields: FieldCipher;
  /**
   * Keys per role: false while only users whose role cannot decrypt secrets are signed in (the
   * cipher has no secrets key). The runner then claims nothing: the queue waits for a runner that can.
   */
  readonly canDecrypt?: () => boolean;
  readonly port: ExecutionPort;
  readonly generate: CandidateGenerator;
  readonly settings: () => RunnerSettings;
  readonly now: () => Date;
  /** This runner's lease identity. */
  readonly owner: string;
  /** Told of every attempt that ends, so the shells can update views and alert on Error/Unverified. */
  readonly onAttemptEnded: (operation: FinishedOperation) => void;
  /** Told when this runner takes an operation (it is Running), so live views show it. */
  readonly onClaimed?: (operationId: number) => void;
  /**
   * Named points of the crash-safe path, for the test that kills a real runner at each of them. A
   * no-op in production.
   */
  readonly checkpoint?: (name: CrashPoint) => void;
  /**
   * Settles the credential's Unverified change, if any, before a verify of it (the job runner
   * provides it). Returns whether one was settled (tried).
   */
  readonly settleFirst?: (credentialId: number) => Promise<boolean>;
  /**
   * Told of an exception that ended an attempt, for main's log (the shells log it without the
   * error object: see safeErrorFields). The attempt itself is already ended with a message.
   */
  readonly onUnexpected?: (operationId: number, error: unknown) => void;
  /** Creates the operations policies call for (expiration, views, periodic verification). */
  readonly scheduleDue?: (now: Date) => Promise<readonly string[]>;
}

export type CrashPoint = 'claimed' | 'candidate-stored' | 'template-ran' | 'candidate-verified' | 'promoted';
