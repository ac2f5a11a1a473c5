import type { AttemptOutcome, OperationType } from '../runner/operation-model';
import { assertNever } from '../../shared/assert-never';
import { redactDetails, redactText } from './final-redaction';
import { formatSyslog, PAMDESK_ENTERPRISE_ID, type Severity } from './syslog-format';

/** Room for the header and structured data inside the 8 KiB many collectors accept by default. */
const MAX_MSG_CHARS = 4000;
const SD_ID = `pamdesk@${PAMDESK_ENTERPRISE_ID}`;

/** Where the messages say they come from. */
export interface SiemOrigin {
  readonly facility: number;
  readonly hostname: string;
  readonly procId: string;
}

export interface AuditRowForSiem {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly shell: string;
  readonly action: string;
  readonly object_type: string | null;
  readonly object_id: string | null;
  readonly details: string;
  readonly hash: string;
  /** Whose Ed25519 key signed the entry, and the signature (base64); null before migration 0011. */
  readonly signer: string | null;
  readonly signature: string | null;
}

export interface AttemptRowForSiem {
  readonly id: number;
  readonly number: number;
  readonly ended_at: string;
  readonly outcome: AttemptOutcome;
  readonly error: string | null;
  readonly code: string;
  readonly type: OperationType;
  readonly identifier: string;
  readonly username: string;
  readonly hostname: string;
}

function cap(text: string): string {
  return text.length <= MAX_MSG_CHARS ? text : `${text.slice(0, MAX_MSG_CHARS - 1)}…`;
}

function objectOf(type: string | null, id: string | null): string | null {
  if (type === null && id === null) return null;
  return id === null ? String(type) : `${type ?? 'object'}:${id}`;
}

/**
 * An audit entry: MSGID is its action. The sequence number (entry), hash, signer and signature
 * travel in the SD-ELEMENT so a SIEM holds an independent copy of the chain: a trail later cut or
 * rewritten in the vault no longer matches what the SIEM received, and each signature can be
 * checked there with the users' public keys.
 */
export function auditSyslog(row: AuditRowForSiem, origin: SiemOrigin): string {
  const details = redactDetails(row.details);
  const object = objectOf(row.object_type, row.object_id);
  const text = `${row.actor} ${row.action}${object ? ` on ${object}` : ''}${details === null ? '' : ` ${JSON.stringify(details)}`}`;
  return formatSyslog({
    facility: origin.facility,
    severity: /fail|broken|denied/.test(row.action) ? 'warning' : 'notice',
    timestamp: new Date(row.at),
    hostname: origin.hostname,
    appName: 'pamdesk',
    procId: origin.procId,
    msgId: row.action,
    structuredData: { id: SD_ID, params: { actor: row.actor, shell: row.shell, object, entry: row.id, hash: row.hash, signer: row.signer, signature: row.signature } },
    msg: cap(redactText(text)),
  });
}

function outcomeSeverity(outcome: AttemptOutcome): Severity {
  switch (outcome) {
    case 'success':
      return 'info';
    case 'error':
      return 'error';
    case 'unverified':
    case 'interrupted':
      return 'warning';
    default:
      return assertNever(outcome, 'attempt outcome');
  }
}

/** An operation attempt's result: MSGID operation.<outcome>. Transcripts are never sent. */
export function attemptSyslog(row: AttemptRowForSiem, origin: SiemOrigin): string {
  const text = `Operation ${row.code} (${row.type}) on ${row.username}@${row.hostname}, attempt ${row.number}: ${row.outcome}${row.error ? `: ${row.error}` : ''}`;
  return formatSyslog({
    facility: origin.facility,
    severity: outcomeSeverity(row.outcome),
    timestamp: new Date(row.ended_at),
    hostname: origin.hostname,
    appName: 'pamdesk',
    procId: origin.procId,
    msgId: `operation.${row.outcome}`,
    structuredData: {
      id: SD_ID,
      params: { object: `operation:${row.code}`, type: row.type, credential: row.identifier, device: row.hostname, attempt: row.number, outcome: row.outcome },
    },
    msg: cap(redactText(text)),
  });
}
