import { SIEM_TRANSPORTS, type SiemTransport } from '../../../shared/contract/settings';
import { CheckboxField, SelectField, TextField } from '../shared-ui/field';
import type { SettingsErrors, SettingsField, SettingsForm } from './settings-form';

interface SectionProps {
  readonly form: SettingsForm;
  readonly errors: SettingsErrors;
  readonly update: <K extends SettingsField>(field: K, value: SettingsForm[K]) => void;
}

const TRANSPORT_LABEL: Readonly<Record<SiemTransport, string>> = { udp: 'UDP (may lose entries)', tcp: 'TCP (plaintext)', tls: 'TLS (verified with the CA below)' };

/** A number box bound to one form field, with the shared schema's error under it. */
function NumberField({ field, label, hint, form, errors, update }: SectionProps & { readonly field: SettingsField; readonly label: string; readonly hint?: string }) {
  return <TextField label={label} type="number" value={String(form[field])} onChange={(v) => update(field, v)} error={errors[field]} hint={hint} />;
}

export function GeneralSection(props: SectionProps) {
  return (
    <fieldset className="form-section settings-section">
      <legend>Session and approvals</legend>
      <NumberField {...props} field="idleLockMinutes" label="Idle lock (minutes)" hint="The vault locks after this long without activity; 0 turns idle locking off." />
      <NumberField {...props} field="clipboardClearSeconds" label="Clipboard clear (seconds)" hint="A copied secret is wiped from the clipboard after this long (5 to 600)." />
      <NumberField {...props} field="bulkApprovalExpiryHours" label="Approval expiry (hours)" hint="Bulk requests not decided within this time become Expired (1 to 720)." />
    </fieldset>
  );
}

export function RunnerSection(props: SectionProps) {
  return (
    <fieldset className="form-section settings-section">
      <legend>Execution runner</legend>
      <NumberField {...props} field="globalConcurrency" label="Operations at once" hint="Across the whole vault (1 to 64)." />
      <NumberField {...props} field="perDeviceConcurrency" label="Operations at once per device" hint="Most devices dislike parallel password changes (1 to 8)." />
      <NumberField {...props} field="attempts" label="Change attempts" hint="Segura's number of change attempts (1 to 20)." />
      <NumberField {...props} field="intervalMinutes" label="Interval between attempts (minutes)" />
      <NumberField {...props} field="intervalAfterErrorMinutes" label="Interval after an error (minutes)" hint="The next automatic try after an operation ends in Error." />
      <NumberField {...props} field="periodicVerifyHours" label="Periodic verification (hours)" hint="Verify every credential this often; 0 turns periodic verification off." />
    </fieldset>
  );
}

export function SiemSection(props: SectionProps) {
  const { form, errors, update } = props;
  return (
    <fieldset className="form-section settings-section">
      <legend>SIEM forwarding (syslog, RFC 5424)</legend>
      <CheckboxField label="Forward audit entries to a SIEM collector" checked={form.siemEnabled} onChange={(v) => update('siemEnabled', v)} />
      <SelectField<SiemTransport> label="Transport" value={form.siemTransport} options={SIEM_TRANSPORTS.map((value) => ({ value, label: TRANSPORT_LABEL[value] }))} onChange={(v) => update('siemTransport', v)} error={errors.siemTransport} />
      <TextField label="Collector host" value={form.siemHost} onChange={(v) => update('siemHost', v)} error={errors.siemHost} placeholder="siem.example.org" />
      <NumberField {...props} field="siemPort" label="Port" hint="6514 is syslog over TLS; 514 is plain syslog." />
      <TextField
        label="Collector CA certificate (PEM)"
        multiline
        rows={6}
        value={form.siemCaPem}
        onChange={(v) => update('siemCaPem', v)}
        error={errors.siemCaPem}
        hint="Needed for TLS: the CA that signed the collector's certificate (public, not a secret). The system's CAs are not trusted for this."
      />
      <NumberField {...props} field="siemFacility" label="Facility" hint="0 to 23; 13 is log audit." />
    </fieldset>
  );
}
