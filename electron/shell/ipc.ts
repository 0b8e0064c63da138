/**
 * Main-process handlers for the shell IPC channels (shared/ipc/shell-bridge.ts).
 * Every call is checked twice before it does anything: the sender must be this window's
 * top frame on the host origin, and the payload must pass parseShellRequest.
 * The synchronous session channel (SHELL_SESSION_CHANNEL) hands apiBase/token to the preload
 * under the same sender check, and answers null to anyone else.
 */
import { Buffer } from 'node:buffer';
import {
  dialog,
  ipcMain,
  safeStorage,
  shell,
  type BrowserWindow,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import {
  SHELL_CHANNELS,
  SHELL_SESSION_CHANNEL,
  type ShellChannel,
  type ShellChannelMap,
  type ShellSession,
} from '../../shared/ipc/shell-bridge.js';
import { parseShellRequest } from '../host/desktop/ipc-requests.js';
import { isSameOrigin } from '../host/desktop/navigation.js';

type Handler<C extends ShellChannel> = (req: ShellChannelMap[C]['req']) => Promise<ShellChannelMap[C]['res']>;
type Handlers = { [C in ShellChannel]: Handler<C> };

async function requireEncryption(): Promise<void> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    throw new Error('Secure storage is not available on this system (no OS keychain / secret service), so secrets cannot be encrypted.');
  }
}

function handlersFor(win: BrowserWindow): Handlers {
  return {
    [SHELL_CHANNELS.openDialog]: async (req) => {
      const properties: OpenDialogOptions['properties'] = [req.directory ? 'openDirectory' : 'openFile'];
      if (req.multiple) properties.push('multiSelections');
      if (req.directory) properties.push('createDirectory');
      const options: OpenDialogOptions = { properties };
      if (req.title !== undefined) options.title = req.title;
      if (req.filters !== undefined) options.filters = req.filters;
      const result = await dialog.showOpenDialog(win, options);
      return result.canceled ? [] : result.filePaths;
    },
    [SHELL_CHANNELS.saveDialog]: async (req) => {
      const options: SaveDialogOptions = { properties: ['createDirectory', 'showOverwriteConfirmation'] };
      if (req.title !== undefined) options.title = req.title;
      if (req.defaultPath !== undefined) options.defaultPath = req.defaultPath;
      if (req.filters !== undefined) options.filters = req.filters;
      const result = await dialog.showSaveDialog(win, options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    [SHELL_CHANNELS.revealPath]: async (req) => {
      shell.showItemInFolder(req.path);
      return true;
    },
    [SHELL_CHANNELS.encrypt]: async (req) => {
      await requireEncryption();
      return (await safeStorage.encryptStringAsync(req.plaintext)).toString('base64');
    },
    [SHELL_CHANNELS.decrypt]: async (req) => {
      await requireEncryption();
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(req.ciphertext, 'base64'));
      return result;
    },
  };
}

/** True only if the message comes from `win`'s own top-level frame showing the host origin. */
function isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent, win: BrowserWindow, hostOrigin: string): boolean {
  const frame = event.senderFrame;
  return (
    !win.isDestroyed() &&
    event.sender === win.webContents &&
    frame !== null &&
    frame.parent === null &&
    isSameOrigin(frame.url, hostOrigin)
  );
}

/** Throws unless the call comes from `win`'s own top-level frame showing the host origin. */
function assertTrustedSender(event: IpcMainInvokeEvent, win: BrowserWindow, hostOrigin: string): void {
  if (!isTrustedSender(event, win, hostOrigin)) {
    throw new Error('Auteur shell IPC refused: sender is not the Auteur window on the host origin');
  }
}

function assertValidSession(session: ShellSession): void {
  let api: URL;
  try {
    api = new URL(session.apiBase);
  } catch {
    throw new Error(`apiBase is not a URL: ${JSON.stringify(session.apiBase)}`);
  }
  if (api.protocol !== 'http:' && api.protocol !== 'https:') throw new Error(`apiBase must be http(s), got ${api.protocol}`);
  if (session.token === '') throw new Error('token must not be empty');
}

/**
 * Registers one ipcMain handler per shell channel for `win`, plus the synchronous session
 * listener that gives the preload `session` (apiBase, token). Handlers are global in
 * Electron, so they are removed again when the window closes (a re-created window, e.g.
 * on macOS activate, registers afresh). Returns the unregister function.
 */
export function registerIpc(win: BrowserWindow, hostOrigin: string, session: ShellSession): () => void {
  assertValidSession(session);
  const reply: ShellSession = { apiBase: session.apiBase, token: session.token };
  const onSession = (event: IpcMainEvent): void => {
    // A sync message must always get a returnValue, or the renderer blocks; null means refused.
    event.returnValue = isTrustedSender(event, win, hostOrigin) ? { ...reply } : null;
  };
  ipcMain.on(SHELL_SESSION_CHANNEL, onSession);
  const handlers = handlersFor(win);
  const channels = Object.values(SHELL_CHANNELS);
  for (const channel of channels) {
    ipcMain.handle(channel, (event, raw: unknown) => {
      assertTrustedSender(event, win, hostOrigin);
      const req = parseShellRequest(channel, raw);
      return (handlers[channel] as Handler<typeof channel>)(req);
    });
  }
  let registered = true;
  const unregister = (): void => {
    if (!registered) return;
    registered = false;
    for (const channel of channels) ipcMain.removeHandler(channel);
    ipcMain.removeListener(SHELL_SESSION_CHANNEL, onSession);
  };
  win.once('closed', unregister);
  return unregister;
}
