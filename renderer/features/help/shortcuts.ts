/** Every keyboard shortcut, for the help overlay: one list, so the overlay never drifts from the code. */
export interface Shortcut {
  /** Each inner list is one combination as shown, e.g. ['Ctrl', 'Shift', 'C']; several are alternatives. */
  readonly keys: readonly (readonly string[])[];
  readonly action: string;
  readonly where: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: [['/'], ['Ctrl', 'F']], action: 'Search credentials (opens Credentials and focuses its search box)', where: 'Anywhere' },
  { keys: [['Ctrl', 'L']], action: 'Lock the vault', where: 'Anywhere' },
  { keys: [['?']], action: 'Show these shortcuts', where: 'Anywhere outside a text box' },
  { keys: [['Escape']], action: 'Close the open dialog', where: 'Dialogs' },
  { keys: [['Ctrl', 'Shift', 'C']], action: 'Copy the password of the selected credential (the clipboard is cleared after the configured delay)', where: 'Credentials' },
  { keys: [['Ctrl', 'Shift', 'R']], action: 'Reset the selected credential', where: 'Credentials' },
  { keys: [['↑'], ['↓'], ['Page Up'], ['Page Down'], ['Home'], ['End']], action: 'Move between rows', where: 'Credentials grid' },
  { keys: [['Shift', '↑'], ['Shift', '↓'], ['Space']], action: 'Extend or toggle the selection', where: 'Credentials grid' },
  { keys: [['Ctrl', 'A']], action: 'Select every loaded row', where: 'Credentials grid' },
  { keys: [['Enter']], action: 'Open the active credential (on the header row: sort by the column)', where: 'Credentials grid' },
  { keys: [['↑'], ['↓'], ['Home'], ['End']], action: 'Move between views', where: 'Main navigation' },
  { keys: [['←'], ['→'], ['Home'], ['End']], action: 'Move between days; Enter lists that day’s operations', where: 'Dashboard chart' },
];
