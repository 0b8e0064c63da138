/**
 * The security-relevant webPreferences of the main window, as a plain object so a unit
 * test can assert every flag without Electron. Structurally assignable to
 * Electron's `WebPreferences`; this module must not import 'electron'.
 *
 * Deliberately no `additionalArguments`: they end up on the renderer's command line, which
 * other local users can read. The preload gets apiBase/token over SHELL_SESSION_CHANNEL instead.
 */
import { isAbsolute } from 'node:path';

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
}

export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  if (!isAbsolute(preloadPath)) throw new Error(`preload path must be absolute, got ${preloadPath}`);
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
  };
}
