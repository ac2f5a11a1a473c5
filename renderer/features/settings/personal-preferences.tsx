import { useEffect, useState } from 'react';
import { THEMES, type Theme } from '../../../shared/contract/settings';
import { VIEWS } from '../../app/views';
import { usePreferences } from '../../stores/preferences-store';
import { useSession } from '../../stores/session-store';
import { SelectField } from '../shared-ui/field';

const THEME_LABEL: Readonly<Record<Theme, string>> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };
/** The select's value for "no choice": the role's own default view decides. */
const ROLE_DEFAULT = '';

/**
 * The signed-in user's own choices, for every role: saved at once for this user only, never
 * touching the vault-wide settings below (which stay an administrator's).
 */
export function PersonalPreferences() {
  const { preferences, error, load, setTheme, setLandingView } = usePreferences();
  const username = useSession((s) => s.session?.username);
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    if (!preferences) void load();
  }, [preferences, load]);

  async function saved(what: string, done: Promise<boolean>) {
    setNotice(undefined);
    if (await done) setNotice(`Saved for ${username ?? 'you'}: ${what}.`);
  }

  return (
    <section className="form-section settings-section" aria-labelledby="personal-preferences-title">
      <h2 id="personal-preferences-title">Your preferences</h2>
      <p className="muted">Only for you{username ? ` (${username})` : ''}: other users keep their own.</p>
      {preferences && (
        <>
          <SelectField<Theme> label="Theme" value={preferences.theme} options={THEMES.map((value) => ({ value, label: THEME_LABEL[value] }))} onChange={(theme) => void saved(`theme ${THEME_LABEL[theme].toLowerCase()}`, setTheme(theme))} />
          <SelectField<string>
            label="Open after signing in"
            value={preferences.landingView ?? ROLE_DEFAULT}
            options={[{ value: ROLE_DEFAULT, label: "Your role's usual view" }, ...VIEWS.map((view) => ({ value: view.id, label: view.label }))]}
            onChange={(view) => void saved(`open ${VIEWS.find((v) => v.id === view)?.label ?? "your role's usual view"} after signing in`, setLandingView(view === ROLE_DEFAULT ? null : view))}
          />
        </>
      )}
      {!preferences && !error && <progress className="load-progress" aria-label="Loading your preferences" />}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" className="form-notice" data-testid="preferences-notice">
          {notice}
        </p>
      )}
    </section>
  );
}
