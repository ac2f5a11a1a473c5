import { useSession } from '../stores/session-store';
import { Dialog } from '../features/shared-ui/dialog';
import { useIdleCountdown } from './use-idle-countdown';

/** Warns the signed-in user before the idle lock ends their session, with a way to stay. */
export function IdleCountdown() {
  const signedIn = useSession((s) => s.session != null);
  const { secondsLeft, staySignedIn } = useIdleCountdown(signedIn);
  if (secondsLeft === undefined) return null;
  return (
    <Dialog
      title="You are about to be locked"
      onClose={() => void staySignedIn()}
      footer={
        <button type="button" className="primary" data-autofocus onClick={() => void staySignedIn()}>
          Stay signed in
        </button>
      }
    >
      <p role="timer" aria-live="polite" data-testid="idle-countdown">
        {secondsLeft > 0
          ? `Nothing has happened in this window for a while: your session locks in ${secondsLeft} second${secondsLeft === 1 ? '' : 's'}. Other users stay signed in.`
          : 'Locking your session now…'}
      </p>
      <p className="muted">Stay signed in to keep working, or let it lock: you unlock again with your passphrase.</p>
    </Dialog>
  );
}
