/**
 * The only surface the Electron preload exposes to the renderer (as `window.auteur`).
 * Channel names are typed here so main and preload cannot drift apart.
 */
export const SHELL_CHANNELS = {
  openDialog: 'auteur:dialog:open',
  saveDialog: 'auteur:dialog:save',
  revealPath: 'auteur:path:reveal',
  encrypt: 'auteur:secret:encrypt',
  decrypt: 'auteur:secret:decrypt',
} as const;
export type ShellChannel = (typeof SHELL_CHANNELS)[keyof typeof SHELL_CHANNELS];

/**
 * Synchronous channel (`ipcRenderer.sendSync`, not `invoke`, hence not in SHELL_CHANNELS)
 * through which the preload fetches the host URL and session token at start-up. Main answers
 * with a ShellSession only to the trusted window's top frame on the host origin, else null.
 * The token is never put on a command line (renderer argv is readable via /proc/<pid>/cmdline).
 */
export const SHELL_SESSION_CHANNEL = 'auteur:session';

/** What main returns on SHELL_SESSION_CHANNEL. */
export interface ShellSession {
  /** Base URL of the host API, e.g. http://127.0.0.1:4873 */
  apiBase: string;
  token: string;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}
export interface OpenDialogRequest {
  title?: string;
  filters?: FileFilter[];
  multiple?: boolean;
  directory?: boolean;
}
export interface SaveDialogRequest {
  title?: string;
  defaultPath?: string;
  filters?: FileFilter[];
}

/** Request/response types per channel: main's handlers and preload's invokers share them. */
export interface ShellChannelMap {
  [SHELL_CHANNELS.openDialog]: { req: OpenDialogRequest; res: string[] };
  [SHELL_CHANNELS.saveDialog]: { req: SaveDialogRequest; res: string | null };
  [SHELL_CHANNELS.revealPath]: { req: { path: string }; res: boolean };
  [SHELL_CHANNELS.encrypt]: { req: { plaintext: string }; res: string };
  [SHELL_CHANNELS.decrypt]: { req: { ciphertext: string }; res: string };
}

export interface AuteurBridge {
  /** Base URL of the host API, e.g. http://127.0.0.1:4873 */
  apiBase: string;
  token: string;
  openDialog(req: OpenDialogRequest): Promise<string[]>;
  saveDialog(req: SaveDialogRequest): Promise<string | null>;
  revealPath(path: string): Promise<boolean>;
  /** safeStorage: base64 ciphertext in, plaintext out; available only in the desktop app. */
  encrypt(plaintext: string): Promise<string>;
  decrypt(ciphertext: string): Promise<string>;
}
