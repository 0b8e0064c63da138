/**
 * The main BrowserWindow. All policy (preferences, URL rules, CSP) comes from the pure,
 * unit-tested helpers in electron/host/desktop/; this file only wires them to Electron.
 */
import { BrowserWindow, shell, type Session } from 'electron';
import { buildCsp } from '../host/desktop/csp.js';
import { isSafeExternalUrl, isSameOrigin } from '../host/desktop/navigation.js';
import { secureWebPreferences } from '../host/desktop/web-preferences.js';

export const WINDOW_BACKGROUND = '#0e0e12';

export interface MainWindowOptions {
  /** Host URL the window will load (its origin is the only one the window may show). */
  url: string;
  /** Origins the studio frames (the arcade's): CSP frame-src; their responses keep their own stricter CSP. */
  frameOrigins?: readonly string[];
  /** Absolute path of the compiled preload.cjs. */
  preloadPath: string;
}

function openExternallyIfSafe(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url).catch(() => undefined);
}

/** Adds our CSP to every response of the session (kept alongside any CSP the host sends: both apply). */
function enforceCsp(session: Session, hostOrigin: string, frameOrigins: readonly string[]): void {
  const csp = buildCsp(hostOrigin, { frameSources: frameOrigins });
  session.webRequest.onHeadersReceived((details, callback) => {
    // Game pages of the arcade origin: the studio's frame-ancestors 'none' would forbid framing them.
    if (frameOrigins.some((o) => isSameOrigin(details.url, o))) return callback({});
    const headers: Record<string, string[]> = { ...(details.responseHeaders ?? {}) };
    const existing = Object.keys(headers).find((k) => k.toLowerCase() === 'content-security-policy');
    if (existing === undefined) headers['Content-Security-Policy'] = [csp];
    else headers[existing] = [...(headers[existing] ?? []), csp];
    callback({ responseHeaders: headers });
  });
}

/** Only the host origin may ask for permissions (notifications, clipboard, fullscreen, …). */
function restrictPermissions(session: Session, hostOrigin: string): void {
  session.setPermissionRequestHandler((_wc, _permission, callback, details) => {
    callback(isSameOrigin(details.requestingUrl, hostOrigin));
  });
  session.setPermissionCheckHandler((_wc, _permission, requestingOrigin) => isSameOrigin(requestingOrigin, hostOrigin));
}

/** Creates the window hidden; it shows itself on ready-to-show. The caller loads the URL. */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const hostOrigin = new URL(opts.url).origin;
  const win = new BrowserWindow({
    title: 'Auteur Studio',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: secureWebPreferences(opts.preloadPath),
  });
  win.once('ready-to-show', () => win.show());

  const wc = win.webContents;
  enforceCsp(wc.session, hostOrigin, opts.frameOrigins ?? []);
  restrictPermissions(wc.session, hostOrigin);

  // No new windows, ever: http(s) links to the outside go to the user's browser.
  wc.setWindowOpenHandler(({ url }) => {
    openExternallyIfSafe(url);
    return { action: 'deny' };
  });
  // The window never leaves the host origin.
  wc.on('will-navigate', (event) => {
    if (isSameOrigin(event.url, hostOrigin)) return;
    event.preventDefault();
    openExternallyIfSafe(event.url);
  });
  wc.on('will-redirect', (event) => {
    if (!isSameOrigin(event.url, hostOrigin)) event.preventDefault();
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());

  return win;
}
