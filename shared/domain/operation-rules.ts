import type { OperationStateName, OperationTypeName } from '../contract/operation-channels';

/**
 * The one home of the operation rules: which states are waiting, open, final and blocking, which
 * types put a new secret on the target, and what "has a change template" means. Main (runner,
 * requests, reset, bulk, triggers, dashboard) and the renderer read these; nothing redefines them.
 */

/** Queued or being worked on: a runner will (or does) act on it. */
export const WAITING_STATES = ['Scheduled', 'AwaitingApproval', 'Running'] as const satisfies readonly OperationStateName[];

/**
 * Not settled yet: waiting, or Unverified (the target may hold a candidate the vault has not
 * adopted). An open change blocks every other change of its credential until it is settled.
 */
export const OPEN_STATES = [...WAITING_STATES, 'Unverified'] as const satisfies readonly OperationStateName[];

/**
 * No run is in progress and none is due: finished_at is set and views stop following it. Unverified
 * is final for its run but still open (see OPEN_STATES): the runner settles it on its own schedule
 * and announces the outcome as a new state.
 */
export const FINAL_STATES = ['Success', 'Error', 'Canceled', 'Expired', 'Unverified'] as const satisfies readonly OperationStateName[];

/** Cancel is allowed only before a run starts (seed 000). */
export const CANCELABLE_STATES = ['Scheduled', 'AwaitingApproval'] as const satisfies readonly OperationStateName[];

/** Types whose run puts a new secret on the target: they go through the crash-safe path. */
export const SECRET_CHANGING_TYPES = ['change_password', 'child_password_change', 'reconcile', 'ssh_key_rotation'] as const satisfies readonly OperationTypeName[];

export function isOpen(state: OperationStateName): boolean {
  return (OPEN_STATES as readonly string[]).includes(state);
}

export function isFinal(state: OperationStateName): boolean {
  return (FINAL_STATES as readonly string[]).includes(state);
}

export function isCancelable(state: OperationStateName): boolean {
  return (CANCELABLE_STATES as readonly string[]).includes(state);
}

/** Only an Error can be restarted (the attempts count starts again). */
export function isRestartable(state: OperationStateName): boolean {
  return state === 'Error';
}

/** Only an Unverified change can be settled (by the runner, a verify, a reset or an administrator). */
export function isSettleable(state: OperationStateName): boolean {
  return state === 'Unverified';
}

export function changesSecret(type: OperationTypeName): boolean {
  return (SECRET_CHANGING_TYPES as readonly string[]).includes(type);
}

/** The parts of execution settings the change rules read (stored as JSON on the credential). */
export interface ChangeSettings {
  readonly automatic_change?: unknown;
  readonly change_template?: unknown;
}

/** A change template is named (a non-blank string): pamdesk can change the secret on the target. */
export function hasChangeTemplate(settings: ChangeSettings | null | undefined): boolean {
  return typeof settings?.change_template === 'string' && settings.change_template.trim() !== '';
}

/** Automatic change is on and a change template is named: "Request password change" may run. */
export function hasAutomaticChange(settings: ChangeSettings | null | undefined): boolean {
  return settings?.automatic_change === true && hasChangeTemplate(settings);
}

/** Reads stored execution settings JSON for the change rules; unreadable JSON counts as none. */
export function parseChangeSettings(json: string | null): ChangeSettings | null {
  if (!json) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null ? (parsed as ChangeSettings) : null;
  } catch {
    return null;
  }
}
