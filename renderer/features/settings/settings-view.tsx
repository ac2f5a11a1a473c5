import { useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '../../../shared/contract/settings';
import { useCan } from '../../stores/session-store';
import { useSettings } from '../../stores/settings-store';
import { ImportExportPanel } from '../import-export/import-export-panel';
import { changedFields, describeChange, errorsFromProblems, toForm, validate, type SettingsErrors, type SettingsField, type SettingsForm } from './settings-form';
import { PersonalPreferences } from './personal-preferences';
import { GeneralSection, RunnerSection, SiemSection } from './settings-sections';

type Notice = { readonly text: string; readonly failed: boolean } | undefined;

/** The user's own preferences, the vault-wide settings (administrators change them, everyone else reads them), then import and export. */
export function SettingsView() {
  const { settings, error, load } = useSettings();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="settings-view" aria-labelledby="settings-title">
      <header className="view-header">
        <h1 id="settings-title">Settings</h1>
      </header>
      <PersonalPreferences />
      <h2>Vault-wide settings</h2>
      {error && (
        <p role="alert" className="form-error">
          {error} Reload the window to try again.
        </p>
      )}
      {!settings && !error && <progress className="load-progress" aria-label="Loading the settings" />}
      {settings && <SettingsEditor settings={settings} />}
      <ImportExportPanel />
    </section>
  );
}

function SettingsEditor({ settings }: { readonly settings: Settings }) {
  const canWrite = useCan('settings.write');
  const save = useSettings((s) => s.save);
  const [saved, setSaved] = useState<SettingsForm>(() => toForm(settings));
  const [form, setForm] = useState<SettingsForm>(saved);
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [notice, setNotice] = useState<Notice>(undefined);
  const [saving, setSaving] = useState(false);

  function update<K extends SettingsField>(field: K, value: SettingsForm[K]) {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changed = changedFields(saved, form);
    if (changed.length === 0) return setNotice({ text: 'Nothing to save: every setting is as stored.', failed: false });
    const checked = validate(form);
    setErrors(checked.errors);
    const count = Object.values(checked.errors).filter(Boolean).length;
    if (count > 0) return setNotice({ text: `Not saved: ${count} ${count === 1 ? 'setting needs' : 'settings need'} correcting (marked below).`, failed: true });
    setSaving(true);
    const outcome = await save(checked.settings);
    setSaving(false);
    if (!outcome.ok) {
      setErrors(errorsFromProblems(outcome.error.details?.['problems']));
      return setNotice({ text: outcome.error.message, failed: true });
    }
    const stored = toForm(outcome.settings);
    setSaved(stored);
    setForm(stored);
    setNotice({ text: `Saved. ${changed.map((field) => describeChange(field, stored)).join('; ')}.`, failed: false });
  }

  const sectionProps = { form, errors, update };
  return (
    <form className="settings-form" aria-label="Settings" onSubmit={(e) => void submit(e)} noValidate>
      {!canWrite && <p className="muted">Only an administrator can change these settings; you see them read-only.</p>}
      {/* A disabled fieldset keeps every value readable and takes the controls out of the tab order. */}
      <fieldset className="settings-fields" disabled={!canWrite || saving}>
        <GeneralSection {...sectionProps} />
        <RunnerSection {...sectionProps} />
        <SiemSection {...sectionProps} />
      </fieldset>
      {notice && (
        <p role={notice.failed ? 'alert' : 'status'} className={notice.failed ? 'form-error' : 'form-notice'} data-testid="settings-notice">
          {notice.text}
        </p>
      )}
      {canWrite && (
        <div className="button-row">
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={saving}
            onClick={() => {
              setForm(saved);
              setErrors({});
              setNotice(undefined);
            }}
          >
            Discard changes
          </button>
        </div>
      )}
    </form>
  );
}
