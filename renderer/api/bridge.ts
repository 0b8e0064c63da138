import type { AuteurBridge } from '../../shared/ipc/shell-bridge.js';

declare global {
  interface Window {
    /** Present only inside the Electron shell (exposed by its preload). */
    auteur?: AuteurBridge;
  }
}

export function getBridge(): AuteurBridge | null {
  return typeof window !== 'undefined' && window.auteur ? window.auteur : null;
}
