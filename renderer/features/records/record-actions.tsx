import { useState } from 'react';
import type { ArchivableKind, DependencySummary } from '../../../shared/domain/archive';
import { api } from '../../api/api';
import { useCan } from '../../stores/session-store';

const WRITE = { credential: 'credential.write', device: 'device.write', template: 'template.write', policy: 'policy.write' } as const;

interface RecordActionsProps {
  readonly kind: ArchivableKind;
  readonly id: number;
  readonly name: string;
  readonly archived: boolean;
  /** False for a record a rule keeps from deletion whatever depends on it (a built-in template): Delete is not offered. */
  readonly deletable?: boolean;
  /** Called with what happened, after main has done it. */
  readonly onDone: (message: string, removed: boolean) => void;
  readonly onError: (message: string) => void;
}

/** What a delete would take with it or be refused for, in the confirmation's words. */
function dependencyText(summary: DependencySummary): string {
  if (summary.undeletableBecause !== null) return `${summary.undeletableBecause} It cannot be deleted; archive it instead.`;
  const parts: string[] = [];
  if (summary.credentials.length > 0) parts.push(`Credentials that depend on it: ${summary.credentials.map((c) => `${c.name}${c.archived ? ' (archived)' : ''}`).join(', ')}.`);
  if (summary.openOperations.length > 0) parts.push(`Open operations: ${summary.openOperations.map((o) => `${o.code} (${o.state}, ${o.credential})`).join(', ')}.`);
  return parts.length > 0 ? `${parts.join(' ')} Move, archive or delete them first: the delete will be refused.` : 'Nothing depends on it. Its audit entries are kept.';
}

/** Archive / Restore, and for administrators Delete with a confirmation naming what depends on it. */
export function RecordActions({ kind, id, name, archived, deletable = true, onDone, onError }: RecordActionsProps) {
  const canWrite = useCan(WRITE[kind]);
  const canDelete = useCan('vault.delete') && deletable;
  const [confirming, setConfirming] = useState<DependencySummary | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function run(verb: 'archive' | 'restore' | 'delete') {
    setBusy(true);
    const result = await api().call(`${kind}.${verb}`, { id });
    setBusy(false);
    setConfirming(undefined);
    if (!result.ok) onError(`The ${kind} ${name} was not ${verb === 'archive' ? 'archived' : verb === 'restore' ? 'restored' : 'deleted'}: ${result.error.message}`);
    else onDone(`${kind === 'credential' ? 'Credential' : kind === 'device' ? 'Device' : kind === 'template' ? 'Template' : 'Policy'} ${name} ${verb === 'archive' ? 'archived' : verb === 'restore' ? 'restored' : 'deleted'}.`, verb !== 'restore' || archived);
  }

  async function askDelete() {
    const result = await api().call(`${kind}.dependents`, { id });
    if (!result.ok) onError(`What depends on ${name} could not be read: ${result.error.message}`);
    else setConfirming(result.value);
  }

  if (!canWrite && !canDelete) return null;
  return (
    <span className="record-actions">
      {canWrite && (
        <button type="button" className="link-button" disabled={busy} aria-label={`${archived ? 'Restore' : 'Archive'} ${kind} ${name}`} onClick={() => void run(archived ? 'restore' : 'archive')}>
          {archived ? 'Restore' : 'Archive'}
        </button>
      )}
      {canDelete && (
        <button type="button" className="link-button danger" disabled={busy} aria-label={`Delete ${kind} ${name}`} onClick={() => void askDelete()}>
          Delete
        </button>
      )}
      {confirming && (
        <span role="alertdialog" aria-label={`Delete ${kind} ${name}?`} className="confirm-inline">
          <span>
            Delete {kind} {name} for good? {dependencyText(confirming)}
          </span>
          <button type="button" className="secondary" onClick={() => setConfirming(undefined)}>
            Keep it
          </button>
          <button type="button" className="danger" disabled={busy || confirming.undeletableBecause !== null} onClick={() => void run('delete')}>
            Delete {kind}
          </button>
        </span>
      )}
    </span>
  );
}
