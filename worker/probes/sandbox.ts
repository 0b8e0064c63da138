import { chromiumSandbox } from '../tools/binaries.js';
import type { Probe } from './probe.js';

/** Whether the render Chromium keeps its sandbox here, and why not (engineer A's chromiumSandbox). */
export const sandboxProbe: Probe = {
  id: 'chromium-sandbox',
  label: 'Chromium sandbox',
  async run({ env }) {
    const s = chromiumSandbox(env);
    if (s.on) return { status: 'ok', detail: 'The headless renderer runs Chromium with its sandbox on' };
    return { status: 'warn', detail: `Chromium runs without its sandbox: ${s.reason}` };
  },
};
