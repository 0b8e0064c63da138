/**
 * The security-relevant webPreferences of the main window, as a plain object so a unit
 * test can assert every flag without Electron. Structurally assignable to
 * Electron's `WebPreferences`; this module must not import 'electron'.
 */
import { isAbsolute } from 'node:path';
import { buildShellArgs } from './shell-args.js';

export interface SecureWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  preload: string;
  additionalArguments: string[];
}

export function secureWebPreferences(preloadPath: string, apiBase: string, token: string): SecureWebPreferences {
  if (!isAbsolute(preloadPath)) throw new Error(`preload path must be absolute, got ${preloadPath}`);
  let api: URL;
  try {
    api = new URL(apiBase);
  } catch {
    throw new Error(`apiBase is not a URL: ${JSON.stringify(apiBase)}`);
  }
  if (api.protocol !== 'http:' && api.protocol !== 'https:') throw new Error(`apiBase must be http(s), got ${api.protocol}`);
  if (token === '') throw new Error('token must not be empty');
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    preload: preloadPath,
    additionalArguments: buildShellArgs(apiBase, token),
  };
}
