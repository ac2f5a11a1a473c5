import { Dialog } from '../shared-ui/dialog';
import { SHORTCUTS } from './shortcuts';

/** The help overlay: every shortcut, where it works and what it does. Escape closes it. */
export function ShortcutsHelp({ onClose }: { readonly onClose: () => void }) {
  return (
    <Dialog
      title="Keyboard shortcuts"
      onClose={onClose}
      wide
      footer={
        <button type="button" className="primary" onClick={onClose} data-autofocus>
          Close
        </button>
      }
    >
      <table className="data-table shortcuts-table" data-testid="shortcuts-table">
        <caption className="visually-hidden">Keyboard shortcuts</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
            <th scope="col">Where</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={`${shortcut.where}:${shortcut.action}`}>
              <td>
                {shortcut.keys.map((combo, i) => (
                  <span key={combo.join('+')}>
                    {i > 0 && ' or '}
                    {combo.map((key, j) => (
                      <span key={key}>
                        {j > 0 && '+'}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </span>
                ))}
              </td>
              <td className="shortcut-action">{shortcut.action}</td>
              <td>{shortcut.where}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
