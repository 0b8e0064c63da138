import type { WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import { webglProbe } from '../../probes/chromium.js';
import { chromiumSandbox, EMBEDDED_CHROMIUM_PACKAGE, locateChromium } from '../../tools/binaries.js';
import { runProcess } from '../../tools/run-process.js';
import type { ProviderModule, ProviderStatusReport } from '../types.js';

/** The configured CHROME_PATH (env or Settings) is already folded into config.chromePath. */
function chromeEnv(config: WorkerProviderConfig): NodeJS.ProcessEnv {
  return config.chromePath ? { CHROME_PATH: config.chromePath } : {};
}

// `chromium --version` costs a process start; a binary's version does not change while we run.
const versions = new Map<string, string | null>();

/**
 * Headless system Chromium (SwiftShader WebGL2 on machines without a GPU): renders shaders, and
 * through them the offline image and video frames. Embedded: no network, no model; it needs a
 * Chromium binary on the machine, which status() reports.
 */
export const chromiumProvider: ProviderModule = {
  id: 'chromium',
  label: 'Headless Chromium (shader renderer)',
  capabilities: ['render', 'image', 'video'],
  embedded: true,
  async status(config, signal): Promise<ProviderStatusReport> {
    const loc = locateChromium(chromeEnv(config));
    const sandbox = chromiumSandbox();
    const sandboxNote = sandbox.on ? 'sandboxed' : `no sandbox: ${sandbox.reason}`;
    if (!loc.path && loc.source === 'embedded' && loc.embedded && !loc.hint.startsWith('The embedded Chromium cannot')) {
      // Still packed: it is unpacked on the first render, so do not pay that here.
      return {
        provider: 'chromium',
        reachable: true,
        version: loc.embedded.version,
        detail: `embedded ${EMBEDDED_CHROMIUM_PACKAGE} ${loc.embedded.version} (no system Chromium; unpacked to the temp folder on the first render, ~5–15 s); ${sandboxNote}`,
      };
    }
    if (!loc.path) return { provider: 'chromium', reachable: false, version: null, detail: loc.hint };
    let version = versions.get(loc.path);
    if (version === undefined) {
      const res = await runProcess(loc.path, ['--version'], { timeoutMs: 2500, signal }).catch((err: Error) => ({ code: -1, stdout: '', stderr: err.message, timedOut: false }));
      // A binary that is only slow to answer (a busy machine) is still there: not "unreachable",
      // or doctor and Settings disagree depending on the load at the moment each one looked.
      if (res.timedOut) return { provider: 'chromium', reachable: true, version: null, detail: `${loc.path} (${loc.source}): found, but it did not answer --version within 2.5 s (a busy machine); ${sandboxNote}` };
      if (res.code !== 0) {
        return { provider: 'chromium', reachable: false, version: null, detail: `${loc.path} failed to start: ${res.stderr.split('\n')[0]?.slice(0, 200) ?? ''}` };
      }
      version = /(\d+\.[\d.]+)/.exec(res.stdout)?.[1] ?? null;
      versions.set(loc.path, version);
    }
    return {
      provider: 'chromium',
      reachable: true,
      version,
      detail: `${loc.path} (${loc.source === 'embedded' ? `embedded ${EMBEDDED_CHROMIUM_PACKAGE}` : loc.source}): renders shaders with WebGL2; offline image/video frames are shader-rendered; ${sandboxNote}`,
    };
  },
  async test(config, signal) {
    const t0 = performance.now();
    // The real path: draw with WebGL2 in headless Chromium and read the pixel back.
    const out = await webglProbe.run({ env: chromeEnv(config), signal, dataDir: '', deep: true });
    return { ok: out.status === 'ok', detail: out.status === 'ok' ? `WebGL2 frame rendered: ${out.detail}` : out.detail, ms: Math.round(performance.now() - t0) };
  },
};
