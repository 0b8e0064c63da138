/** Application menu: File / Edit / View / Window / Help with standard roles. */
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  /** The host's data directory, opened by "Reveal data folder". */
  dataDir: string;
  log?: (line: string) => void;
}

export function setupAppMenu(opts: AppMenuOptions): void {
  const isMac = process.platform === 'darwin';
  const revealDataFolder = async (): Promise<void> => {
    const error = await shell.openPath(opts.dataDir);
    if (error !== '') opts.log?.(`reveal data folder failed: ${error}`);
  };

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Reveal Data Folder', click: () => void revealDataFolder() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } satisfies MenuItemConstructorOptions]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ role: 'about' }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
