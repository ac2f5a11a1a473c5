import { useEffect, useState } from 'react';
import { ArchivedRecordsSection } from '../records/archived-records-section';
import { RecordActions } from '../records/record-actions';
import { ListSection } from '../shared-ui/list-section';
import type { PasswordPolicy } from '../../../shared/domain/password-policy';
import { api } from '../../api/api';
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
  const canDelete = useCan('vault.delete');
  const [editing, setEditing] = useState<Editing>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const [showArchived, setShowArchived] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const hasActions = canWrite || canDelete;

  // Archive, restore and delete are RecordActions'; this view follows with its lists and a notice.
  function changed(text: string) {
    setRefusal(undefined);
    setNotice(text);
    setRefresh((n) => n + 1);
    void load();
  }
  function refused(text: string) {
    setNotice(undefined);
    setRefusal(text);
  }

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
          <>
            <button type="button" className="secondary" aria-pressed={showArchived} onClick={() => setShowArchived((v) => !v)}>
              Archived
            </button>
            {canWrite && (
              <button type="button" className="primary" onClick={() => setEditing({ policy: undefined })}>
                New policy
              </button>
            )}
          </>
        }
        error={error ?? refusal}
        notice={notice}
        items={policies}
        loadingText="Loading policies…"
        emptyText={`No password policies yet${canWrite ? ': create one with New policy. Until then, generated passwords use the built-in default.' : '.'}`}
        headers={['Name', 'Length', 'Expiration', 'View expiration', 'Applies to', 'Priority', 'Enabled', ...(hasActions ? ['Actions'] : [])]}
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
              {hasActions && (
                <td>
                  {canWrite && (
                    <button type="button" className="link-button" aria-label={`Edit policy ${p.name}`} onClick={() => setEditing({ policy: p })}>
                      Edit
                    </button>
                  )}
                  <RecordActions kind="policy" id={p.id} name={p.name} archived={false} onDone={changed} onError={refused} />
                </td>
              )}
            </tr>
          );
        }}
      />
      {showArchived && <ArchivedRecordsSection<PasswordPolicy>
          kind="policy"
          plural="policies"
          load={() => api().call('policy.list', { archived: 'archived' })}
          nameHeader="Name"
          nameOf={(p) => p.name}
          refresh={refresh}
          onDone={changed}
          onError={refused}
        />}
      {editing && (
        <PolicyEditor
          policy={editing.policy}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            setRefusal(undefined);
            setNotice(`Policy ${saved.name} saved.`);
            void load();
          }}
        />
      )}
    </section>
  );
}
