import { useState } from 'react';
import { ShortcutsHelp } from './shortcuts-help';
import { useGlobalShortcuts } from './use-global-shortcuts';

/** The header's shortcuts button, the app-wide shortcuts and the help overlay they open. */
export function ShortcutsHost() {
  const [open, setOpen] = useState(false);
  useGlobalShortcuts(() => setOpen(true));
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)} aria-keyshortcuts="?" title="Keyboard shortcuts (?)">
        Shortcuts
      </button>
      {open && <ShortcutsHelp onClose={() => setOpen(false)} />}
    </>
  );
}
