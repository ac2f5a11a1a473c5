import { useEffect, useState } from 'react';
import type { TemplateVersion } from '../../../shared/domain/template';
import { api } from '../../api/api';

interface TemplateHistoryProps {
  readonly templateId: number;
  /** Reloads when the template gets a new version. */
  readonly currentVersion: number;
}

/** Every stored version, newest first: who saved it, when, and its body. */
export function TemplateHistory({ templateId, currentVersion }: TemplateHistoryProps) {
  const [versions, setVersions] = useState<readonly TemplateVersion[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let current = true;
    void api()
      .call('template.history', { id: templateId })
      .then((result) => {
        if (!current) return;
        if (result.ok) setVersions([...result.value].sort((a, b) => b.version - a.version));
        else setError(`The history could not be loaded: ${result.error.message}`);
      });
    return () => {
      current = false;
    };
  }, [templateId, currentVersion]);

  if (error)
    return (
      <p role="alert" className="form-error">
        {error}
      </p>
    );
  if (!versions) return <p className="muted">Loading history…</p>;
  return (
    <ol className="version-list" aria-label="Versions">
      {versions.map((v) => (
        <li key={v.version}>
          <details open={v.version === currentVersion}>
            <summary>
              Version {v.version}
              {v.version === currentVersion && ' (current)'} · saved by {v.created_by} on {new Date(v.created_at).toLocaleString()}
            </summary>
            {v.variables.length > 0 && <p className="muted">Variables: {v.variables.map((x) => `${x.name}${x.secret ? ' (secret)' : ''}`).join(', ')}</p>}
            <pre className="code-block" aria-label={`Body of version ${v.version}`}>
              {v.body}
            </pre>
          </details>
        </li>
      ))}
    </ol>
  );
}
