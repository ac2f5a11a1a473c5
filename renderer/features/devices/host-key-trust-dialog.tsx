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

/** What the dialog checks: the SSH host key, or the TLS certificate of the device's LDAP/LDAPS service. */
export type TrustedProtocol = 'SSH' | 'LDAP';

const WORDING: Readonly<Record<TrustedProtocol, { readonly title: string; readonly thing: string; readonly check: string; readonly service: string; readonly compare: string }>> = {
  SSH: { title: 'Host key', thing: 'key', check: 'Check host key', service: 'SSH', compare: 'ssh-keygen -lf on the host' },
  LDAP: { title: 'Certificate', thing: 'certificate', check: 'Check certificate', service: 'LDAP/LDAPS', compare: 'openssl x509 -noout -fingerprint -sha256 prints the same digest in hex' },
};

interface HostKeyTrustDialogProps {
  readonly device: DeviceView;
  readonly protocol: TrustedProtocol;
  readonly onTrusted: (device: DeviceView) => void;
  readonly onClose: () => void;
}

/**
 * Shows the SSH host key (or the LDAP service's TLS certificate) a device presents next to the one pinned for it, and pins it on an explicit
 * confirmation. A key that differs from the pinned one is the classic sign of a man in the middle (or
 * a reinstalled host): the dialog says so loudly and asks for a second, deliberate step.
 */
export function HostKeyTrustDialog({ device, protocol, onTrusted, onClose }: HostKeyTrustDialogProps) {
  const words = WORDING[protocol];
  const pinnedBefore = protocol === 'SSH' ? device.host_key_fingerprint : (device.certificate_pins[protocol] ?? null);
  const canWrite = useCan('device.write');
  const [probe, setProbe] = useState<Probe | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<'probe' | 'trust' | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);

  async function check() {
    setBusy('probe');
    setError(undefined);
    setConfirming(false);
    const result = await api().call('device.probeHostKey', { deviceId: device.id, protocol });
    setBusy(undefined);
    if (result.ok) setProbe(result.value);
    else setError(`The ${words.title.toLowerCase()} could not be read: ${result.error.message}. Check the device's address and ${words.service} connectivity, then try again.`);
  }

  async function trust() {
    if (!probe) return;
    setBusy('trust');
    setError(undefined);
    const result = await api().call('device.trustHostKey', { deviceId: device.id, fingerprint: probe.fingerprint, protocol });
    setBusy(undefined);
    if (result.ok) onTrusted(result.value);
    else setError(`The ${words.thing} was not trusted: ${result.error.message}`);
  }

  const changed = probe !== undefined && probe.pinned !== null && !probe.matches;
  const footer = (
    <>
      <button type="button" className="secondary" onClick={onClose}>
        Close
      </button>
      <button type="button" className="secondary" disabled={busy !== undefined} onClick={() => void check()}>
        {busy === 'probe' ? 'Checking…' : probe ? 'Check again' : words.check}
      </button>
      {canWrite && probe && !probe.matches && !confirming && (
        <button type="button" className={changed ? 'danger' : 'primary'} onClick={() => setConfirming(true)}>
          Trust this {words.thing}
        </button>
      )}
    </>
  );

  return (
    <Dialog title={`${words.title} of ${device.hostname}`} onClose={onClose} footer={footer}>
      <p className="muted">
        pamdesk connects to {device.hostname} ({device.ip}) over {words.service} without logging in and reads the {words.thing} it presents. Compare it with the fingerprint the
        device&apos;s administrator gives you ({words.compare}).
      </p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {changed && (
        <div role="alert" className="host-key-changed">
          <strong>Warning: {words.title.toLowerCase()} changed.</strong> {device.hostname} presents a different {words.thing} from the one pinned. Someone may be intercepting the
          connection, or the {words.thing} was replaced. Do not trust the new {words.thing} until its owner confirms it.
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
            `Not checked yet: choose ${words.check}.`
          )}
        </dd>
        <dt>Pinned fingerprint</dt>
        <dd>
          <code className="fingerprint" data-testid="pinned-fingerprint">
            {probe ? (probe.pinned ?? 'None pinned') : (pinnedBefore ?? 'None pinned')}
          </code>
        </dd>
        {probe && (
          <>
            <dt>Verdict</dt>
            <dd role="status" data-testid="host-key-verdict" className={probe.matches ? 'verdict-ok' : changed ? 'form-error' : undefined}>
              {probe.matches ? `Matches the pinned ${words.thing}.` : changed ? `Does NOT match the pinned ${words.thing}.` : `No ${words.thing} is pinned yet: trust this one if the fingerprint is right.`}
            </dd>
          </>
        )}
      </dl>
      {confirming && probe && (
        <section className={changed ? 'confirm-box host-key-changed' : 'confirm-box'} aria-label="Confirm trust">
          <p>
            Pin <code className="fingerprint">{probe.fingerprint}</code> for {device.hostname}? Operations will then only connect over {words.service} when the device presents exactly this {words.thing}
            {changed ? `, replacing the ${words.thing} pinned before` : ''}.
          </p>
          <div className="button-row">
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Don&apos;t trust
            </button>
            <button type="button" className={changed ? 'danger' : 'primary'} disabled={busy !== undefined} onClick={() => void trust()} data-autofocus>
              {busy === 'trust' ? 'Pinning…' : `Yes, trust this ${words.thing}`}
            </button>
          </div>
        </section>
      )}
    </Dialog>
  );
}
