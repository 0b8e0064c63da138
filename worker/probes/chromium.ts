import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEADLESS_CHROMIUM_FLAGS, resolveChromium, sandboxFlags } from '../tools/binaries.js';
import { runProcess } from '../tools/run-process.js';
import type { Probe } from './probe.js';

export const chromiumProbe: Probe = {
  id: 'chromium',
  label: 'Chromium (headless renderer)',
  async run({ env, signal }) {
    const loc = await resolveChromium(env);
    if (!loc.path) return { status: 'missing', detail: loc.hint, source: loc.source };
    const res = await runProcess(loc.path, ['--version'], { timeoutMs: 15_000, signal });
    const version = /([\d.]+)/.exec(res.stdout)?.[1] ?? null;
    if (res.code !== 0) return { status: 'error', version, detail: `${loc.path} --version failed: ${res.stderr.slice(0, 300)}`, source: loc.source };
    return { status: 'ok', version, detail: `${res.stdout.trim()} at ${loc.path}`, source: loc.source };
  },
};

/**
 * Draws one clear in WebGL2 inside headless Chromium and reads the pixel back, so the probe
 * proves the shader renderer's path works (SwiftShader on machines without a GPU).
 */
const WEBGL_PAGE = `<!doctype html><body><pre id=r>pending</pre><script>
const out = document.getElementById('r');
try {
  const c = document.createElement('canvas'); c.width = 4; c.height = 4;
  const gl = c.getContext('webgl2');
  if (!gl) { out.textContent = 'RESULT:' + JSON.stringify({ ok: false, error: 'no webgl2 context' }); }
  else {
    gl.clearColor(0.2, 0.6, 0.4, 1); gl.clear(gl.COLOR_BUFFER_BIT);
    const px = new Uint8Array(4); gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
    const dbg = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = dbg ? gl.getParameter(dbg.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    out.textContent = 'RESULT:' + JSON.stringify({ ok: px[1] > 140 && px[1] < 166, renderer, version: gl.getParameter(gl.VERSION), pixel: Array.from(px) });
  }
} catch (e) { out.textContent = 'RESULT:' + JSON.stringify({ ok: false, error: String(e) }); }
</script></body>`;

export const webglProbe: Probe = {
  id: 'webgl',
  label: 'WebGL2 in headless Chromium',
  async run({ env, signal }) {
    const loc = await resolveChromium(env);
    if (!loc.path) return { status: 'missing', detail: `No Chromium, so no headless WebGL. ${loc.hint}`, source: loc.source };
    const profile = mkdtempSync(join(tmpdir(), 'auteur-webgl-'));
    try {
      const url = `data:text/html;base64,${Buffer.from(WEBGL_PAGE).toString('base64')}`;
      const res = await runProcess(
        loc.path,
        [...HEADLESS_CHROMIUM_FLAGS, ...sandboxFlags(env), `--user-data-dir=${profile}`, '--dump-dom', url],
        { timeoutMs: 45_000, signal },
      );
      if (res.timedOut) return { status: 'error', detail: 'Chromium did not finish the WebGL probe within 45 s' };
      const m = /RESULT:(\{.*?\})<\/pre>/s.exec(res.stdout.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
      if (!m?.[1]) return { status: 'error', detail: `Chromium exited ${res.code} without a WebGL result: ${res.stderr.split('\n').slice(-3).join(' ').slice(0, 300)}` };
      const r = JSON.parse(m[1]) as { ok: boolean; renderer?: string; version?: string; error?: string; pixel?: number[] };
      if (!r.ok) return { status: 'error', detail: `WebGL2 unavailable: ${r.error ?? `read back ${JSON.stringify(r.pixel)}`}` };
      const software = /swiftshader|llvmpipe/i.test(r.renderer ?? '');
      return {
        status: 'ok',
        version: r.version ?? null,
        detail: `${r.renderer}${software ? ' (software rendering: fine for previews, slower for heavy shaders)' : ''}`,
        source: loc.source,
      };
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  },
};
