import { CREDENTIAL_KINDS, CREDENTIAL_STATUSES } from '../../../shared/domain/credential-kind';
import type { DeviceView, DomainView } from '../../../shared/domain/device-view';
import { SelectField, TextField } from '../shared-ui/field';
import type { CredentialForm } from './credential-form';
import type { FieldKey } from './credential-validation';
import { SecretInput } from './secret-input';

interface InformationTabProps {
  readonly form: CredentialForm;
  readonly editing: boolean;
  readonly errors: Partial<Record<FieldKey, string>>;
  readonly devices: readonly DeviceView[] | undefined;
  readonly domains: readonly DomainView[] | undefined;
  readonly update: <K extends keyof CredentialForm>(key: K, value: CredentialForm[K]) => void;
}

const KIND_LABEL = { password: 'Password', ssh_key: 'SSH key', pin: 'PIN' } as const;
const SECRET_LABEL = { password: 'Password', ssh_key: 'Private key (PEM)', pin: 'PIN' } as const;

export function InformationTab({ form, editing, errors, devices, domains, update }: InformationTabProps) {
  const deviceValue = devices?.find((d) => d.hostname === form.hostname && d.ip === form.ip)?.id;
  return (
    <div className="form-grid">
      <TextField label="Identifier" value={form.identifier} onChange={(v) => update('identifier', v)} error={errors.identifier} hint='Letters, numbers, "_", "-" and "."; leave empty to have one generated.' autoFocus />
      <SelectField label="Kind" value={form.kind} options={CREDENTIAL_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))} onChange={(v) => update('kind', v)} />
      <TextField label="Username" value={form.username} onChange={(v) => update('username', v)} error={errors.username} hint='An empty username is saved as "usr".' />
      <SelectField
        label="Device"
        value={deviceValue === undefined ? '' : String(deviceValue)}
        options={[{ value: '', label: devices?.length ? 'Choose a registered device…' : 'No devices registered yet (Devices view)' }, ...(devices ?? []).map((d) => ({ value: String(d.id), label: `${d.hostname} (${d.ip})` }))]}
        onChange={(v) => {
          const device = devices?.find((d) => String(d.id) === v);
          if (!device) return;
          update('hostname', device.hostname);
          update('ip', device.ip);
        }}
        hint="Fills hostname and IP; or type them below."
      />
      <TextField label="Hostname" value={form.hostname} onChange={(v) => update('hostname', v)} error={errors.hostname} list="credential-hostnames" />
      <TextField label="IP" value={form.ip} onChange={(v) => update('ip', v)} error={errors.ip} list="credential-ips" />
      <datalist id="credential-hostnames">
        {[...new Set((devices ?? []).map((d) => d.hostname))].map((h) => (
          <option key={h} value={h} />
        ))}
      </datalist>
      <datalist id="credential-ips">
        {(devices ?? []).filter((d) => form.hostname === '' || d.hostname === form.hostname).map((d) => (
          <option key={d.id} value={d.ip} />
        ))}
      </datalist>
      <SecretInput
        label={SECRET_LABEL[form.kind]}
        value={form.content}
        onChange={(v) => update('content', v)}
        multiline={form.kind === 'ssh_key'}
        hint={editing ? `Leave empty to keep the stored ${SECRET_LABEL[form.kind].toLowerCase()}.` : undefined}
      />
      <TextField label="Credential type" value={form.credential_type} onChange={(v) => update('credential_type', v)} hint='Default "Local User".' />
      <TextField label="Domain" value={form.domain} onChange={(v) => update('domain', v)} list="credential-domains" />
      <datalist id="credential-domains">
        {(domains ?? []).map((d) => (
          <option key={d.id} value={d.name} />
        ))}
      </datalist>
      <TextField label="Tags" value={form.tags} onChange={(v) => update('tags', v)} hint="Comma separated, e.g. linux,prod." />
      <TextField label="Additional information" value={form.additional} onChange={(v) => update('additional', v)} />
      <SelectField label="Status" value={form.status} options={CREDENTIAL_STATUSES.map((s) => ({ value: s, label: s === 'active' ? 'Active' : 'Inactive' }))} onChange={(v) => update('status', v)} />
      <TextField label="Notes" value={form.notes} onChange={(v) => update('notes', v)} multiline />
    </div>
  );
}
