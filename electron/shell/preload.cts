/**
 * Sandboxed preload (CommonJS: sandboxed preloads cannot be ES modules; tsc emits preload.cjs).
 *
 * A sandboxed preload can `require` only 'electron' and a few built-ins — not local files —
 * so this file imports nothing at runtime but 'electron'. Types come from shared/ via
 * `import type` (erased on emit). The channel names and the two argv flags are inlined on
 * purpose; test/unit/desktop-shell.test.ts checks them against SHELL_CHANNELS and
 * electron/host/desktop/shell-args.ts, and checks that 'electron' is the only require.
 *
 * Exposes exactly AuteurBridge as window.auteur — nothing else reaches the page.
 */
import electron = require('electron');
import type { AuteurBridge, ShellChannelMap } from '../../shared/ipc/shell-bridge.js';

const { contextBridge, ipcRenderer } = electron;

type Channel = keyof ShellChannelMap;

function invoke<C extends Channel>(channel: C, req: ShellChannelMap[C]['req']): Promise<ShellChannelMap[C]['res']> {
  return ipcRenderer.invoke(channel, req) as Promise<ShellChannelMap[C]['res']>;
}

/** First `--flag=value` in argv; empty value counts as absent (same rule as parseShellArgs). */
function readArg(prefix: string): string | null {
  const arg = process.argv.find((a) => a.startsWith(prefix));
  if (arg === undefined) return null;
  const value = arg.slice(prefix.length);
  return value === '' ? null : value;
}

const apiBase = readArg('--auteur-api=');
const token = readArg('--auteur-token=');

if (apiBase === null || token === null) {
  // Without these the page cannot talk to the host; fail loudly instead of exposing a broken bridge.
  throw new Error('Auteur preload: --auteur-api / --auteur-token missing from process.argv');
}

const bridge: AuteurBridge = {
  apiBase,
  token,
  openDialog: (req) => invoke('auteur:dialog:open', req),
  saveDialog: (req) => invoke('auteur:dialog:save', req),
  revealPath: (path) => invoke('auteur:path:reveal', { path }),
  encrypt: (plaintext) => invoke('auteur:secret:encrypt', { plaintext }),
  decrypt: (ciphertext) => invoke('auteur:secret:decrypt', { ciphertext }),
};

contextBridge.exposeInMainWorld('auteur', Object.freeze(bridge));
