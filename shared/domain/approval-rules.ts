import type { OperationTypeName } from '../contract/operation-channels';
import { changesSecret } from './operation-rules';

/**
 * The one home of the four-eyes rules (issue 11): which work must wait for a second person, and
 * whose approval counts. Main applies them in the single places every path goes through
 * (createOperation for operations, the bulk machinery for edits, one approver check for both
 * decisions); the renderer reads them to say what will happen.
 */

/** The criticality whose secret changes and execution settings need a second person. */
export const APPROVAL_CRITICALITY = 'high';

export function isHighlyCritical(criticality: string | null | undefined): boolean {
  return typeof criticality === 'string' && criticality.trim().toLowerCase() === APPROVAL_CRITICALITY;
}

/**
 * An operation waits in Awaiting approval when it would put a new secret on the target of a highly
 * critical credential, whatever started it (a request, a reset, a policy trigger, a parent, a bulk
 * Expire, a reconcile). Verify, activation and inactivation change no secret and never wait.
 */
export function operationNeedsApproval(type: OperationTypeName, criticality: string | null | undefined): boolean {
  return changesSecret(type) && isHighlyCritical(criticality);
}

/** What the approver check needs to know about the approver's own user row. */
export interface ApproverFacts {
  readonly username: string;
  readonly userId: string;
  /** When the approver's user row was created (ISO 8601). */
  readonly createdAt: string;
  /** The user id of whoever added the approver; null for the vault's first user and rows from before migration 0012. */
  readonly createdBy: string | null;
}

/** What the approver check needs to know about the request being decided. */
export interface RequestFacts {
  /** OP-000042 or BULK-000007: named in the refusal. */
  readonly code: string;
  readonly requesterUsername: string;
  /** The requester's user id; null when the requester is the system (a policy trigger, a parent chain). */
  readonly requesterUserId: string | null;
  /** When the request was made (ISO 8601). */
  readonly requestedAt: string;
}

/**
 * Why this approval cannot count, in the approver's words, or null when it counts. An approval
 * counts only from someone who is not the requester, who existed before the request was made (so
 * nobody can add a helper after asking), and who was not added by the requester (so nobody can add
 * a helper beforehand either). Usernames compare without regard to case, as sign-in does.
 */
export function approvalRefusal(request: RequestFacts, approver: ApproverFacts): string | null {
  const sameUser = request.requesterUserId !== null ? request.requesterUserId === approver.userId : request.requesterUsername.toLowerCase() === approver.username.toLowerCase();
  if (sameUser) return `You requested ${request.code}, so you cannot approve it: a second person must decide (cancel it instead).`;
  const addedAfter = Date.parse(approver.createdAt) >= Date.parse(request.requestedAt);
  const addedByRequester = request.requesterUserId !== null && approver.createdBy === request.requesterUserId;
  if (addedAfter && addedByRequester) {
    return `${approver.username} was added by ${request.requesterUsername} after ${request.requesterUsername} made ${request.code}, so ${approver.username}'s approval cannot count: ask an approver who existed before the request and was not added by ${request.requesterUsername}.`;
  }
  if (addedAfter) {
    return `${approver.username} was added to the vault after ${request.code} was requested, so ${approver.username}'s approval cannot count: ask an approver who existed before the request.`;
  }
  if (addedByRequester) {
    return `${approver.username} was added by ${request.requesterUsername}, who requested ${request.code}, so ${approver.username}'s approval cannot count: ask an approver who was not added by ${request.requesterUsername}.`;
  }
  return null;
}
