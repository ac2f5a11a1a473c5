import type { OperationType } from './operation-model';

// What the runner needs from the outside world, so that its state machine is the same whether it
// drives real SSH targets or, in the benchmark, an executor that does nothing.

/**
 * The credential an attempt works on, as loaded when the attempt began. The runner builds one per
 * attempt and passes that same object to every port call of the attempt, so a port may keep what
 * it read for it (see ssh-execution-port.ts) and read afresh on the next attempt.
 */
export interface CredentialSnapshot {
  readonly id: number;
  readonly identifier: string;
  readonly username: string;
  readonly kind: 'password' | 'ssh_key' | 'pin';
  readonly deviceId: number;
  readonly version: number;
}

export interface RunRequest {
  readonly operationId: number;
  readonly operationType: OperationType;
  readonly credential: CredentialSnapshot;
  /** The secret the vault holds now (null when the vault holds none, e.g. reconcile). */
  readonly currentSecret: string | null;
  /** The candidate to put on the target (null for verify, activation, inactivation). */
  readonly newSecret: string | null;
  /** For SSH key rotation: the candidate's public key line. */
  readonly newPublicKey: string | null;
  /** Fired when the attempt reaches its hard bound: the run stops waiting and reports 'aborted'. */
  readonly signal?: AbortSignal;
}

/**
 * Why a run failed, which decides what the runner does next:
 * - configuration: something in the vault is missing or wrong (credential, template, device,
 *   policy); retrying cannot help, so the operation ends in Error at once, saying what to fix;
 * - transport: the device could not be reached, timed out, or its channel could not be trusted
 *   (host key): nothing was learned, so it is tried again after the interval;
 * - target: the device answered and refused (login refused, the template saw an error);
 * - internal: pamdesk itself failed (a bug, the vault closing): ended with a message, never retried
 *   blindly.
 */
export type FailureKind = 'configuration' | 'transport' | 'target' | 'internal';

/** Only transport failures are worth another attempt: the others need someone to act first. */
export function isRetryable(kind: FailureKind): boolean {
  return kind === 'transport';
}

export type RunOutcome =
  | { readonly kind: 'completed'; readonly transcript: string; readonly templateId: number | null; readonly templateVersion: number | null }
  | {
      readonly kind: 'failed';
      readonly failure: FailureKind;
      /**
       * False only when the target was certainly not touched (unreachable, host key refused, login
       * refused before any command): the candidate can be discarded without checking.
       */
      readonly touched: boolean;
      readonly message: string;
      readonly transcript: string;
      readonly templateId: number | null;
      readonly templateVersion: number | null;
    };

export type LoginVerdict = 'accepted' | 'rejected' | 'unreachable' | 'host-key-mismatch' | 'host-key-untrusted';

export interface ExecutionPort {
  /** Runs the operation's template (rendered with these secrets) against the credential's device. */
  run(request: RunRequest): Promise<RunOutcome>;
  /** A fresh login to the credential's device as the credential's account with this secret. */
  tryLogin(credential: CredentialSnapshot, secret: string): Promise<LoginVerdict>;
  /**
   * The longest an attempt of this operation can legitimately take: its templates' timeouts plus
   * the proof logins. The runner stops renewing the lease past it, so recovery can take over.
   */
  attemptBoundMs(operationType: OperationType, credential: CredentialSnapshot): Promise<number>;
}

export interface CandidateSecret {
  readonly secret: string;
  /** For SSH keys, the public key line that goes with the private key in `secret`. */
  readonly publicKey: string | null;
}

/** Makes a fresh candidate for a credential, following its password policy (or key type). */
export type CandidateGenerator = (credential: CredentialSnapshot) => Promise<CandidateSecret> | CandidateSecret;
