import { useEffect, useRef, type KeyboardEvent } from 'react';
import { subscribeBulkChanges, useBulk } from '../stores/bulk-store';
import { useNavigation } from '../stores/navigation-store';
import { useCan } from '../stores/session-store';
import { VIEWS } from './views';

/**
 * The main navigation: a list of buttons in the tab order, with arrow keys, Home and End moving
 * between them as in a menu, and aria-current marking the open view.
 */
export function Navigation() {
  const { view, go } = useNavigation();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const canReadBulk = useCan('bulk.read');
  const awaiting = useBulk((state) => state.awaitingDecision);
  // Users is for administrators only (main refuses the channels anyway; this hides what they cannot use).
  const canManageUsers = useCan('user.manage');
  const visible = VIEWS.filter((item) => item.id !== 'users' || canManageUsers);

  // The Approvals badge follows 'bulk.changed' for as long as someone is signed in here.
  useEffect(() => (canReadBulk ? subscribeBulkChanges() : undefined), [canReadBulk]);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = visible.length - 1;
    const target =
      event.key === 'ArrowDown' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowUp' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : undefined;
    if (target === undefined) return;
    event.preventDefault();
    buttons.current[target]?.focus();
  }

  return (
    <nav className="app-nav" aria-label="Main">
      <ul>
        {visible.map((item, index) => (
          <li key={item.id}>
            <button
              type="button"
              ref={(element) => {
                buttons.current[index] = element;
              }}
              aria-current={item.id === view ? 'page' : undefined}
              title={item.hint}
              onClick={() => go(item.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {item.label}
              {item.id === 'approvals' && awaiting > 0 && (
                <>
                  <span className="badge" data-testid="approvals-badge" aria-hidden="true">
                    {awaiting}
                  </span>
                  <span className="visually-hidden">{`, ${awaiting} awaiting your decision`}</span>
                </>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
