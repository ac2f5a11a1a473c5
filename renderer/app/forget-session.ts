import { api } from '../api/api';
import { useCoreStatus } from '../stores/core-status-store';
import { clearVaultState } from '../stores/reset-on-lock';
import { useSession } from '../stores/session-store';

/** This page's session is over (its Lock, its sign-out, its idle time, or the vault locked): forget it all. */
export async function forgetLocalSession(): Promise<void> {
  clearVaultState();
  useSession.getState().clear();
  await useCoreStatus.getState().refresh();
}

/** Some session ended: main says only that, so ask whether it was ours (others stay signed in). */
export async function forgetIfOwnSessionEnded(): Promise<void> {
  if (!useSession.getState().session) return;
  const current = await api().call('session.current', {});
  if (current.ok && current.value === null) await forgetLocalSession();
}

/** Lock (Ctrl+L): ends this user's session only; the vault's keys go when the last one ends. */
export async function lockOwnSession(): Promise<void> {
  await api().call('session.lock', {});
  await forgetLocalSession();
}
