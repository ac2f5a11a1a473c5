import { useState } from 'react';
import { useCan } from '../../stores/session-store';
import { RequestChangeDialog } from './request-change-dialog';

/** The app-wide entry to seed 000's "Executions → Request password change". */
export function RequestChangeButton() {
  const canRequest = useCan('operation.request');
  const [open, setOpen] = useState(false);
  if (!canRequest) return null;
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Request password change
      </button>
      {open && <RequestChangeDialog onClose={() => setOpen(false)} />}
    </>
  );
}
