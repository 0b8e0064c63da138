/**
 * Sandboxed preload (CommonJS: sandboxed preloads cannot be ES modules; tsc emits preload.cjs).
 *
 * A sandboxed preload can `require` only 'electron' and a few built-ins — not local files —
 * so this file imports nothing at runtime but 'electron'. Types come from shared/ via
 * `import type` (erased on emit). The channel names are inlined on purpose;
 * test/unit/desktop-shell.test.ts checks them against SHELL_CHANNELS and SHELL_SESSION_CHANNEL,
 * and checks that 'electron' is the only require.
 *
 * apiBase and token are fetched from main with a synchronous IPC call (not argv: a renderer's
 * command line is readable by other local users through /proc/<pid>/cmdline). Main answers
 * only this window's top frame on the host origin, and null to anyone else.
 *
 * Exposes exactly AuteurBridge as window.auteur — nothing else reaches the page.
 */
import electron = require('electron');
import type { AuteurBridge, ShellChannelMap, ShellSession } from '../../shared/ipc/shell-bridge.js';

const { contextBridge, ipcRenderer } = electron;

type Channel = keyof ShellChannelMap;

function invoke<C extends Channel>(channel: C, req: ShellChannelMap[C]['req']): Promise<ShellChannelMap[C]['res']> {
  return ipcRenderer.invoke(channel, req) as Promise<ShellChannelMap[C]['res']>;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** Asks main for apiBase/token; throws unless it answers with a well-formed ShellSession. */
function readSession(): ShellSession {
  const raw: unknown = ipcRenderer.sendSync('auteur:session');
  if (typeof raw !== 'object' || raw === null) {
    // Without these the page cannot talk to the host; fail loudly instead of exposing a broken bridge.
    throw new Error('Auteur preload: main refused the session (not the Auteur window on the host origin?)');
  }
  const { apiBase, token } = raw as Partial<Record<keyof ShellSession, unknown>>;
  if (!isNonEmptyString(apiBase) || !isNonEmptyString(token)) {
    throw new Error('Auteur preload: session from main lacks a non-empty apiBase / token');
  }
  return { apiBase, token };
}

const session = readSession();

const bridge: AuteurBridge = {
  apiBase: session.apiBase,
  token: session.token,
  openDialog: (req) => invoke('auteur:dialog:open', req),
  saveDialog: (req) => invoke('auteur:dialog:save', req),
  revealPath: (path) => invoke('auteur:path:reveal', { path }),
  encrypt: (plaintext) => invoke('auteur:secret:encrypt', { plaintext }),
  decrypt: (ciphertext) => invoke('auteur:secret:decrypt', { ciphertext }),
};

contextBridge.exposeInMainWorld('auteur', Object.freeze(bridge));
