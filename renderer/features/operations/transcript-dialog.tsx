import type { AttemptView } from '../../../shared/contract/operation-channels';
import { Dialog } from '../shared-ui/dialog';
import { AttemptSummary } from './attempt-summary';
import { TranscriptViewer } from './transcript-viewer';

/** One attempt's facts and masked transcript, opened from "List attempted operations". */
export function TranscriptDialog({ attempt, onClose }: { readonly attempt: AttemptView; readonly onClose: () => void }) {
  const name = `attempt ${attempt.number} of ${attempt.operationCode}`;
  return (
    <Dialog
      title={`Transcript of ${name}`}
      onClose={onClose}
      wide
      footer={
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      }
    >
      <AttemptSummary attempt={attempt} />
      <TranscriptViewer label={`Transcript of ${name}`} transcript={attempt.transcript} />
    </Dialog>
  );
}
