import { useEffect, useState } from 'react';
import { ListSection } from '../shared-ui/list-section';
import type { PasswordPolicy } from '../../../shared/domain/password-policy';
import { usePolicies } from '../../stores/policies-store';
import { useCan } from '../../stores/session-store';
import { PolicyEditor } from './policy-editor';
import { useVaultChanges } from '../../stores/vault-changes';

type Editing = { readonly policy: PasswordPolicy | undefined } | undefined;

function describeExpiration(policy: PasswordPolicy): string {
  const e = policy.definition.expiration;
  return e ? `Every ${e.every} ${e.unit}` : 'Never';
}

function describeCriteria(policy: PasswordPolicy): string {
  const { device_types, tags } = policy.criteria;
  if (device_types.length === 0 && tags.length === 0) return 'Default (all credentials)';
  return [device_types.length ? `Types: ${device_types.join(', ')}` : '', tags.length ? `Tags: ${tags.join(', ')}` : ''].filter(Boolean).join(' · ');
}

/** Password policies: strength, expiration, change window and the criteria that assign them. */
export function PoliciesView() {
  const { policies, error, load } = usePolicies();
  const canWrite = useCan('policy.write');
  const [editing, setEditing] = useState<Editing>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  useEffect(() => {
    void load();
  }, [load]);
  useVaultChanges(['policy'], () => void load());

  return (
    <section className="policies-view" aria-labelledby="policies-title">
      <ListSection
        titleId="policies-title"
        title="Policies"
        action={
          canWrite && (
            <button type="button" className="primary" onClick={() => setEditing({ policy: undefined })}>
              New policy
            </button>
          )
        }
        error={error}
        notice={notice}
        items={policies}
        loadingText="Loading policies…"
        emptyText={`No password policies yet${canWrite ? ': create one with New policy. Until then, generated passwords use the built-in default.' : '.'}`}
        headers={['Name', 'Length', 'Expiration', 'View expiration', 'Applies to', 'Priority', 'Enabled', ...(canWrite ? ['Actions'] : [])]}
        renderRow={(p) => {
          const s = p.definition.strength;
          return (
            <tr key={p.id}>
              <th scope="row">{p.name}</th>
              <td>{s.lowercase + s.uppercase + s.digits + s.symbols}</td>
              <td>{describeExpiration(p)}</td>
              <td>{p.definition.view_expiration_hours === null ? '—' : `${p.definition.view_expiration_hours} h after viewing`}</td>
              <td>{describeCriteria(p)}</td>
              <td>{p.priority}</td>
              <td>{p.enabled ? 'Yes' : 'No'}</td>
              {canWrite && (
                <td>
                  <button type="button" className="link-button" aria-label={`Edit policy ${p.name}`} onClick={() => setEditing({ policy: p })}>
                    Edit
                  </button>
                </td>
              )}
            </tr>
          );
        }}
      />
      {editing && (
        <PolicyEditor
          policy={editing.policy}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            setNotice(`Policy ${saved.name} saved.`);
            void load();
          }}
        />
      )}
    </section>
  );
}
