import { api } from '../../api/api';

/** Requests a credential view offers besides a password change: a fresh login, or seed 002's reconciliation. */
export type CredentialRequest = 'verify' | 'reconcile';

const CHANNEL = { verify: 'operation.requestVerify', reconcile: 'operation.requestReconcile' } as const;
const NOUN: Record<CredentialRequest, string> = { verify: 'Verification', reconcile: 'Reconciliation' };
export const REQUEST_LABEL: Record<CredentialRequest, string> = { verify: 'Verify', reconcile: 'Reconcile' };
export const REQUEST_HINT: Record<CredentialRequest, string> = {
  verify: "Log in to the device with the vault's secret and record InSync or NotInSync",
  reconcile: 'Set a fresh secret through the reconciliation credential, without knowing the current one',
};

export interface RequestNotice {
  readonly text: string;
  readonly failed: boolean;
  readonly code?: string;
}

/**
 * The one way every view (grid row, details dialog, operations list) asks for a verify or a
 * reconcile, and says what happened in the operator's words: the code to follow, or main's reason.
 */
export async function requestForCredential(kind: CredentialRequest, credentialId: number, identifier: string): Promise<RequestNotice> {
  const result = await api().call(CHANNEL[kind], { credentialIds: [credentialId] });
  if (!result.ok) return { text: `${NOUN[kind]} of ${identifier} was not requested: ${result.error.message}`, failed: true };
  const refused = result.value.refused[0];
  if (refused) return { text: `${NOUN[kind]} of ${identifier} was not requested: ${refused.reason}`, failed: true };
  const code = result.value.scheduled[0]?.code ?? '';
  return { text: `${NOUN[kind]} ${code} requested for ${identifier}: follow it in Operations.`, failed: false, code };
}
