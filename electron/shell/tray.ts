/** Tray icon with Show / Quit. Skipped (returns null) when resources/icons/tray.png is absent. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, Menu, nativeImage, Tray } from 'electron';

export interface TrayOptions {
  /** Shows (re-creating if needed) and focuses the main window. */
  showWindow: () => void;
  log?: (line: string) => void;
}

/** Keep the returned Tray referenced: a garbage-collected Tray disappears. */
export function setupTray(opts: TrayOptions): Tray | null {
  // app.getAppPath() is the folder holding package.json: the repo in development, app.asar when packaged.
  const iconPath = join(app.getAppPath(), 'resources', 'icons', 'tray.png');
  if (!existsSync(iconPath)) {
    opts.log?.(`no tray icon at ${iconPath}; tray disabled`);
    return null;
  }
  const icon = nativeImage.createFromPath(iconPath);
  if (icon.isEmpty()) {
    opts.log?.(`tray icon at ${iconPath} could not be read; tray disabled`);
    return null;
  }
  try {
    const tray = new Tray(icon);
    tray.setToolTip('Auteur Studio');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Show Auteur Studio', click: () => opts.showWindow() },
        { type: 'separator' },
        { label: 'Quit', click: () => app.quit() },
      ]),
    );
    tray.on('click', () => opts.showWindow());
    return tray;
  } catch (err) {
    // e.g. Linux desktops without a status-notifier host
    opts.log?.(`tray unavailable: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}
