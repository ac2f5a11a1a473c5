import { useState } from 'react';
import type { DryRunResult } from '../../../shared/contract/template-channels';
import type { TemplateExecutor, TemplateVariable } from '../../../shared/domain/template';
import type { CredentialGridRow } from '../../../shared/domain/credential-grid-query';
import { api } from '../../api/api';
import { CredentialPicker } from './credential-picker';

interface DryRunPanelProps {
  readonly body: string;
  readonly variables: readonly TemplateVariable[];
  /** Whose language the body is in: the dry run renders it as that executor would. */
  readonly executor: TemplateExecutor;
}

/**
 * Renders the body being edited against a real credential without connecting anywhere
 * ('template.dryRun'): the command stream the runner would send, with a placeholder («NEW_PASSWORD») for every secret.
 */
export function DryRunPanel({ body, variables, executor }: DryRunPanelProps) {
  const [credential, setCredential] = useState<CredentialGridRow | undefined>(undefined);
  const [result, setResult] = useState<{ readonly for: string; readonly value: DryRunResult } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function run() {
    if (!credential) return;
    setBusy(true);
    setError(undefined);
    const answer = await api().call('template.dryRun', { body, variables: [...variables], executor, credentialId: credential.id });
    setBusy(false);
    if (answer.ok) setResult({ for: credential.identifier, value: answer.value });
    else setError(`The dry run did not run: ${answer.error.message}`);
  }

  return (
    <div className="dry-run">
      <p className="muted">A dry run shows what would be sent to the device for one credential. Nothing connects and no password is generated.</p>
      <CredentialPicker label="Credential for the dry run" selected={credential} onSelect={setCredential} />
      <button type="button" className="primary" disabled={!credential || busy} onClick={() => void run()}>
        {busy ? 'Running…' : 'Run dry run'}
      </button>
      {!credential && <p className="muted">Choose a credential above, then Run dry run.</p>}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {result && (
        <section aria-label="Dry run result" className="dry-run-result">
          <h3>Command stream for {result.for}</h3>
          {!result.value.ok && (
            <ul className="diagnostics-list form-error" aria-label="Dry run problems">
              {result.value.diagnostics.filter((d) => d.severity === 'error').map((d, i) => (
                <li key={i}>
                  Line {d.line}, column {d.column}: {d.message}
                </li>
              ))}
            </ul>
          )}
          {result.value.ok && (
            <pre className="code-block" aria-label="Command stream" tabIndex={0}>
              {result.value.lines.join('\n')}
            </pre>
          )}
        </section>
      )}
    </div>
  );
}
