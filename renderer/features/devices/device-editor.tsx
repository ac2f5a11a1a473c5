import { useEffect, useId, useState, type FormEvent } from 'react';
import type { DeviceView } from '../../../shared/domain/device-view';
import { api } from '../../api/api';
import { useDevices } from '../../stores/devices-store';
import { Dialog } from '../shared-ui/dialog';
import { TextField } from '../shared-ui/field';
import { DeviceShellField } from './device-shell-field';
import { TelnetCleartextNote } from './telnet-cleartext-note';
import { deviceErrorsFromServer, deviceForm, deviceInput, validateDevice, type DeviceErrors, type DeviceForm } from './device-form';

interface DeviceEditorProps {
  readonly device: DeviceView | undefined;
  readonly onSaved: (device: DeviceView) => void;
  readonly onClose: () => void;
}

/** Registers a device ('device.upsert') or edits one in place by its id ('device.update'). */
export function DeviceEditor({ device, onSaved, onClose }: DeviceEditorProps) {
  const [form, setForm] = useState<DeviceForm>(() => deviceForm(device));
  const [errors, setErrors] = useState<DeviceErrors | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const { domains, loadDomains } = useDevices();
  const domainsId = useId();

  useEffect(() => {
    void loadDomains();
  }, [loadDomains]);

  const update = <K extends keyof DeviceForm>(key: K, value: DeviceForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    const local = validateDevice(form);
    if (local) {
      setErrors(local);
      return;
    }
    setBusy(true);
    setErrors(undefined);
    // An edit goes by id, so a changed hostname or IP moves this device instead of registering a second one.
    const result = device ? await api().call('device.update', { id: device.id, ...deviceInput(form) }) : await api().call('device.upsert', deviceInput(form));
    setBusy(false);
    if (result.ok) onSaved(result.value);
    else setErrors(deviceErrorsFromServer(result.error));
  }

  const title = device ? `Edit device ${device.hostname}` : 'New device';
  const fields = errors?.fields ?? {};
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="device-editor-form" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save device'}
          </button>
        </>
      }
    >
      <form id="device-editor-form" aria-label={title} onSubmit={(e) => void save(e)} noValidate>
        {errors && (
          <p role="alert" className="form-error form-summary">
            {errors.summary}
          </p>
        )}
        <div className="form-grid">
          <TextField label="Hostname" value={form.hostname} onChange={(v) => update('hostname', v)} error={fields.hostname} autoFocus />
          <TextField label="IP" value={form.ip} onChange={(v) => update('ip', v)} error={fields.ip} />
          <TextField label="Device type" value={form.type} onChange={(v) => update('type', v)} hint="e.g. Linux, Switch" />
          <TextField label="Vendor" value={form.vendor} onChange={(v) => update('vendor', v)} />
          <TextField label="Model" value={form.model} onChange={(v) => update('model', v)} />
          <TextField label="Site" value={form.site} onChange={(v) => update('site', v)} />
          <TextField label="Device tags" value={form.tags} onChange={(v) => update('tags', v)} hint="Comma separated." />
          <TextField label="Connectivities" value={form.connectivities} onChange={(v) => update('connectivities', v)} error={fields.connectivities} hint="protocol:port, comma separated, e.g. SSH:22,Telnet:23,RDP:3389" placeholder="SSH:22,RDP:3389" />
          <TelnetCleartextNote connectivities={form.connectivities} />
          <DeviceShellField value={form.shell} type={form.type} vendor={form.vendor} onChange={(v) => update('shell', v)} />
        </div>
        <fieldset className="form-section" aria-describedby={fields.domains ? `${domainsId}-error` : undefined}>
          <legend>Domains</legend>
          {domains?.length === 0 && <p className="muted">No domains are registered yet: register one under Domains first.</p>}
          {(domains ?? []).map((d) => (
            <div key={d.id} className="form-row-inline">
              <input
                id={`${domainsId}-${d.id}`}
                type="checkbox"
                checked={form.domains.includes(d.name)}
                onChange={(e) => update('domains', e.target.checked ? [...form.domains, d.name] : form.domains.filter((n) => n !== d.name))}
              />
              <label htmlFor={`${domainsId}-${d.id}`}>{d.name}</label>
            </div>
          ))}
          {fields.domains && (
            <span id={`${domainsId}-error`} className="form-error" role="alert">
              {fields.domains}
            </span>
          )}
        </fieldset>
        <div className="form-row">
          <span className="field-label">Host-key fingerprint</span>
          <code aria-label="Host-key fingerprint" className="fingerprint">
            {device?.host_key_fingerprint ?? 'Not pinned yet: the first verified SSH connection pins it.'}
          </code>
        </div>
      </form>
    </Dialog>
  );
}
