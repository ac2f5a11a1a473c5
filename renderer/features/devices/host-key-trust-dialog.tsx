import { useState } from 'react';
import type { DeviceView } from '../../../shared/domain/device-view';
import { api } from '../../api/api';
import { useCan } from '../../stores/session-store';
import { Dialog } from '../shared-ui/dialog';

interface Probe {
  readonly fingerprint: string;
  readonly keyType: string;
  readonly pinned: string | null;
  readonly matches: boolean;
}

interface HostKeyTrustDialogProps {
  readonly device: DeviceView;
  readonly onTrusted: (device: DeviceView) => void;
  readonly onClose: () => void;
}

/**
 * Shows the SSH host key a device presents next to the one pinned for it, and pins it on an explicit
 * confirmation. A key that differs from the pinned one is the classic sign of a man in the middle (or
 * a reinstalled host): the dialog says so loudly and asks for a second, deliberate step.
 */
export function HostKeyTrustDialog({ device, onTrusted, onClose }: HostKeyTrustDialogProps) {
  const canWrite = useCan('device.write');
  const [probe, setProbe] = useState<Probe | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<'probe' | 'trust' | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);

  async function check() {
    setBusy('probe');
    setError(undefined);
    setConfirming(false);
    const result = await api().call('device.probeHostKey', { deviceId: device.id });
    setBusy(undefined);
    if (result.ok) setProbe(result.value);
    else setError(`The host key could not be read: ${result.error.message}. Check the device's address and SSH connectivity, then try again.`);
  }

  async function trust() {
    if (!probe) return;
    setBusy('trust');
    setError(undefined);
    const result = await api().call('device.trustHostKey', { deviceId: device.id, fingerprint: probe.fingerprint });
    setBusy(undefined);
    if (result.ok) onTrusted(result.value);
    else setError(`The key was not trusted: ${result.error.message}`);
  }

  const changed = probe !== undefined && probe.pinned !== null && !probe.matches;
  const footer = (
    <>
      <button type="button" className="secondary" onClick={onClose}>
        Close
      </button>
      <button type="button" className="secondary" disabled={busy !== undefined} onClick={() => void check()}>
        {busy === 'probe' ? 'Checking…' : probe ? 'Check again' : 'Check host key'}
      </button>
      {canWrite && probe && !probe.matches && !confirming && (
        <button type="button" className={changed ? 'danger' : 'primary'} onClick={() => setConfirming(true)}>
          Trust this key
        </button>
      )}
    </>
  );

  return (
    <Dialog title={`Host key of ${device.hostname}`} onClose={onClose} footer={footer}>
      <p className="muted">
        pamdesk connects to {device.hostname} ({device.ip}) without logging in and reads the key it presents. Compare it with the fingerprint the device&apos;s administrator gives you
        (ssh-keygen -lf on the host).
      </p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {changed && (
        <div role="alert" className="host-key-changed">
          <strong>Warning: host key changed.</strong> {device.hostname} presents a different key from the one pinned. Someone may be intercepting the connection, or the host was
          reinstalled. Do not trust the new key until its owner confirms it.
        </div>
      )}
      <dl className="details-list">
        <dt>Presented key type</dt>
        <dd>{probe ? <span data-testid="presented-key-type">{probe.keyType}</span> : '—'}</dd>
        <dt>Presented fingerprint</dt>
        <dd>
          {probe ? (
            <code className="fingerprint" data-testid="presented-fingerprint">
              {probe.fingerprint}
            </code>
          ) : (
            'Not checked yet: choose Check host key.'
          )}
        </dd>
        <dt>Pinned fingerprint</dt>
        <dd>
          <code className="fingerprint" data-testid="pinned-fingerprint">
            {probe ? (probe.pinned ?? 'None pinned') : (device.host_key_fingerprint ?? 'None pinned')}
          </code>
        </dd>
        {probe && (
          <>
            <dt>Verdict</dt>
            <dd role="status" data-testid="host-key-verdict" className={probe.matches ? 'verdict-ok' : changed ? 'form-error' : undefined}>
              {probe.matches ? 'Matches the pinned key.' : changed ? 'Does NOT match the pinned key.' : 'No key is pinned yet: trust this one if the fingerprint is right.'}
            </dd>
          </>
        )}
      </dl>
      {confirming && probe && (
        <section className={changed ? 'confirm-box host-key-changed' : 'confirm-box'} aria-label="Confirm trust">
          <p>
            Pin <code className="fingerprint">{probe.fingerprint}</code> for {device.hostname}? Operations will then only connect when the device presents exactly this key
            {changed ? ', replacing the key pinned before' : ''}.
          </p>
          <div className="button-row">
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Don&apos;t trust
            </button>
            <button type="button" className={changed ? 'danger' : 'primary'} disabled={busy !== undefined} onClick={() => void trust()} data-autofocus>
              {busy === 'trust' ? 'Pinning…' : 'Yes, trust this key'}
            </button>
          </div>
        </section>
      )}
    </Dialog>
  );
}
