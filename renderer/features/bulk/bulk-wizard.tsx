import { useState } from 'react';
import type { BulkAction, BulkPreview, BulkRequestDetail, BulkSelectionRequestInput } from '../../../shared/domain/bulk';
import type { CredentialMatching } from '../../../shared/domain/credential-selection';
import { api } from '../../api/api';
import { useDevices } from '../../stores/devices-store';
import { useNavigation } from '../../stores/navigation-store';
import { formatTime } from '../operations/operation-labels';
import { Dialog } from '../shared-ui/dialog';
import { ActionStep } from './action-step';
import { AddCredentialsDialog } from './add-credentials-dialog';
import { EMPTY_EDIT_FORM, toChanges, validateEditForm, type BulkEditForm, type EditErrors, type EditLookups } from './bulk-edit-form';
import { ACTION_LABEL } from './bulk-labels';
import type { Selection } from './bulk-selection';
import { EditChangesStep } from './edit-changes-step';
import { ReviewStep } from './review-step';

type Step = 'action' | 'edit' | 'review' | 'done';

interface BulkWizardProps {
  /** The grid's selection when the wizard opened. */
  readonly initial: Selection;
  /** "Select all N matching": the grid's query instead of ids, resolved by main for the review and the request. */
  readonly matching?: CredentialMatching | undefined;
  readonly onClose: () => void;
}

const STEP_TITLE: Readonly<Record<Step, string>> = {
  action: 'Step 1: action and credentials',
  edit: 'Step 2: changes',
  review: 'Step 3: review',
  done: 'Sent for approval',
};

/**
 * Seed 001's bulk action wizard: choose the action and credentials, fill in the changes (Edit
 * only), review every From/To with the blast radius, then Send for approval: a request that an approver must
 * decide. Nothing changes until then; the request carries no secret.
 */
export function BulkWizard({ initial, matching, onClose }: BulkWizardProps) {
  const [step, setStep] = useState<Step>('action');
  const [action, setAction] = useState<BulkAction | undefined>(undefined);
  const [selection, setSelection] = useState<Selection>(initial);
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState<BulkEditForm>(EMPTY_EDIT_FORM);
  const [formErrors, setFormErrors] = useState<EditErrors>({});
  const [request, setRequest] = useState<BulkSelectionRequestInput | undefined>(undefined);
  const [preview, setPreview] = useState<BulkPreview | undefined>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [sent, setSent] = useState<BulkRequestDetail | undefined>(undefined);
  const devices = useDevices((state) => state.devices);
  const go = useNavigation((state) => state.go);

  async function review(next: BulkSelectionRequestInput) {
    setError(undefined);
    setPreview(undefined);
    setRequest(next);
    setStep('review');
    const count = next.matching?.count ?? next.credentialIds?.length ?? 0;
    setBusy(`Reviewing ${count.toLocaleString()} ${count === 1 ? 'credential' : 'credentials'}…`);
    const result = await api().call('bulk.preview', next);
    setBusy(undefined);
    if (result.ok) setPreview(result.value);
    else setError(`The review could not be computed: ${result.error.message}`);
  }

  async function lookups(): Promise<EditLookups | string> {
    const device = form.on.device ? devices?.find((d) => String(d.id) === form.text.device) : undefined;
    if (!form.on.parent) return { device };
    const identifier = (form.text.parent ?? '').trim();
    if (identifier === '') return { device, parentId: null };
    const parent = await api().call('credential.get', { ref: identifier });
    if (!parent.ok) return `No credential "${identifier}" to be the parent: ${parent.error.message}`;
    return { device, parentId: parent.value.id };
  }

  async function continueFrom() {
    setError(undefined);
    if (!action) return setError('Choose an action.');
    if (!matching && selection.size === 0) return setError('Select at least one credential: use +Add.');
    const chosen = matching ? { matching } : { credentialIds: [...selection.keys()] };
    if (step === 'action' && action === 'edit') return setStep('edit');
    if (step === 'action') return void review({ action, ...chosen });
    const errors = validateEditForm(form);
    setFormErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const found = await lookups();
    if (typeof found === 'string') return setFormErrors({ parent: found });
    return void review({ action, ...chosen, changes: toChanges(form, found) });
  }

  async function save() {
    if (!request) return;
    setError(undefined);
    setBusy('Sending the request…');
    const result = await api().call('bulk.request', request);
    setBusy(undefined);
    if (!result.ok) return setError(`The request was not sent: ${result.error.message}`);
    setSent(result.value);
    setStep('done');
  }

  function back() {
    setError(undefined);
    setPreview(undefined);
    setStep(step === 'review' && action === 'edit' ? 'edit' : 'action');
  }

  const canSave = preview !== undefined && preview.blastRadius.ineligible === 0 && preview.blastRadius.credentials > 0 && busy === undefined;
  const footer =
    step === 'done' ? (
      <>
        <button type="button" className="secondary" onClick={() => go('bulk')}>
          Open Bulk operations
        </button>
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      </>
    ) : (
      <>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
        {step !== 'action' && (
          <button type="button" className="secondary" onClick={back} disabled={busy !== undefined}>
            Back
          </button>
        )}
        {step === 'review' ? (
          <button type="button" className="primary" onClick={() => void save()} disabled={!canSave} title="Nothing changes until an approver accepts the request">
            Send for approval
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void continueFrom()} disabled={action === undefined || busy !== undefined}>
            Continue
          </button>
        )}
      </>
    );

  return (
    <Dialog title={`Bulk action${action ? `: ${ACTION_LABEL[action]}` : ''}`} onClose={onClose} footer={footer} wide>
      <h3 className="bulk-step-title">{STEP_TITLE[step]}</h3>
      {step === 'action' && (
        <ActionStep
          action={action}
          selection={selection}
          matching={matching}
          onAction={setAction}
          onAdd={() => setAdding(true)}
          onRemove={(id) => {
            const next = new Map(selection);
            next.delete(id);
            setSelection(next);
          }}
        />
      )}
      {step === 'edit' && <EditChangesStep form={form} errors={formErrors} onChange={setForm} />}
      {busy && (
        <div role="status" className="bulk-busy">
          <progress aria-label={busy} /> {busy}
        </div>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {step === 'review' && preview && <ReviewStep preview={preview} />}
      {step === 'done' && sent && (
        <div role="status" className="bulk-sent" data-testid="bulk-sent">
          <p>
            <strong>{sent.code}</strong> was sent for approval: {ACTION_LABEL[sent.action]} on {sent.credentialCount.toLocaleString()} {sent.credentialCount === 1 ? 'credential' : 'credentials'}.
          </p>
          <p>Nothing changes until an approver approves it. It expires undecided at {formatTime(sent.expiresAt)}. Follow it under Bulk operations; you can cancel it there while it is pending.</p>
        </div>
      )}
      {adding && action && (
        <AddCredentialsDialog
          action={action}
          selection={selection}
          onClose={() => setAdding(false)}
          onAdd={(added) => {
            setSelection(new Map([...selection, ...added.map((c) => [c.id, c] as const)]));
            setAdding(false);
          }}
        />
      )}
    </Dialog>
  );
}
