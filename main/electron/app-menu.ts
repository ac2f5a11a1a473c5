import { Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * The application menu: only what an operator needs (quit, edit, window). Electron's default menu
 * also binds Reload, Force Reload (Ctrl+Shift+R, which pamdesk uses for the reset dialog) and the
 * developer tools; a reload would also drop the page's state mid-operation.
 */
export function installAppMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : [{ label: 'File', submenu: [{ role: 'quit' as const }] }]),
    { role: 'editMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
