/**
 * Electron entry of Auteur Studio (package.json "main": dist/electron/shell/main.js).
 *
 * Thin on purpose: it starts the host in-process (electron/host/boot.ts), opens one window
 * on the host URL and wires menu, tray and the shell IPC. The session token never appears
 * in the URL or on any command line; the preload fetches it from main over the synchronous
 * 'auteur:session' channel (answered only to this window's top frame) and exposes it as
 * window.auteur.token.
 */
import { fileURLToPath } from 'node:url';
import { app, dialog, type BrowserWindow, type Tray } from 'electron';
import { startHost, type RunningHost } from '../host/boot.js';
import { registerIpc } from './ipc.js';
import { safeStorageCodec } from './safe-storage-codec.js';
import { setupAppMenu } from './menu.js';
import { setupTray } from './tray.js';
import { createMainWindow } from './window.js';

/** tsc emits preload.cts as preload.cjs next to this file. */
const PRELOAD_PATH = fileURLToPath(new URL('./preload.cjs', import.meta.url));
/** Upper bound on waiting for the host to shut down before the app exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

const log = (line: string): void => console.log(`[auteur-shell] ${line}`);
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

let hostStart: Promise<RunningHost> | null = null;
let host: RunningHost | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;
let shutdown: 'running' | 'closing' | 'done' = 'running';

function openWindow(running: RunningHost): BrowserWindow {
  const win = createMainWindow({ url: running.url, preloadPath: PRELOAD_PATH, frameOrigins: [running.arcadeUrl] });
  registerIpc(win, new URL(running.url).origin, { apiBase: running.url, token: running.token });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(running.url).catch((err: unknown) => log(`loading ${running.url} failed: ${messageOf(err)}`));
  return win;
}

/** Focuses the window, re-creating it if it was closed (macOS keeps the app alive without windows). */
function showWindow(): void {
  if (host === null || shutdown !== 'running') return;
  if (mainWindow === null || mainWindow.isDestroyed()) {
    mainWindow = openWindow(host);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  const secretCodec = await safeStorageCodec();
  if (!secretCodec) log('no OS keychain available: provider keys are encrypted with a key file in the data dir');
  hostStart = startHost({ mode: 'desktop', secretCodec: secretCodec ?? undefined });
  host = await hostStart;
  if (shutdown !== 'running') return; // quit was requested while starting; before-quit closes the host
  log(`host ${host.version} at ${host.url}, data in ${host.dataDir}`);
  app.setAboutPanelOptions({ applicationName: 'Auteur Studio', applicationVersion: host.version });
  setupAppMenu({ dataDir: host.dataDir, log });
  mainWindow = openWindow(host);
  tray = setupTray({ showWindow, log });
}

/** Closes the host exactly once (waiting for a start still in progress), bounded by a timeout. */
async function closeHost(): Promise<void> {
  const running = await hostStart?.catch(() => null);
  if (running) await running.close();
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    work.then(
      () => (clearTimeout(timer), resolve()),
      (err: unknown) => (clearTimeout(timer), reject(err)),
    );
  });
}

function main(): void {
  // A second launch hands over to the first instance (which focuses its window) and exits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox(); // every renderer sandboxed, whatever its webPreferences say

  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (shutdown === 'done' || hostStart === null) return;
    event.preventDefault(); // hold the quit until the host has closed
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    tray?.destroy();
    tray = null;
    withTimeout(closeHost(), SHUTDOWN_TIMEOUT_MS)
      .catch((err: unknown) => log(`host shutdown: ${messageOf(err)}`))
      .finally(() => {
        shutdown = 'done';
        app.quit();
      });
  });

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      // The host (or the window) failed to start: say why, then quit (before-quit closes whatever started).
      dialog.showErrorBox('Auteur Studio could not start', messageOf(err));
      app.quit();
    });
}

main();
