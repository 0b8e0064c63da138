/**
 * `auteur render <file.glsl|file.json>`: renders a shader in-process (no host needed) with the
 * same renderer the shader.render job uses, and writes thumbnail.png, preview.<webm|mp4> and
 * report.json into --out. Exit 0 when the shader rendered, 1 with the mapped diagnostics when
 * it did not, 2 for a usage error.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../../shared/shaders/glsl-wrap.js';
import { ShaderRenderInput, type ShaderRenderOutput } from '../../shared/shaders/render-contract.js';
import { fromShadertoy, ShadertoyImportError, type ShaderMeta } from '../../shared/shaders/shadertoy-format.js';
import type { LooseShaderSource } from '../../shared/shaders/static-checks.js';
import { sharedRenderBrowser } from '../../worker/render/browser.js';
import { renderShader } from '../../worker/render/shader-renderer.js';

export const RENDER_HELP = 'render <file.glsl|.json> [--seconds 5] [--width 640 --height 360 --fps 30] [--time T] [--preview webm|mp4|none] [--frames] [--out DIR] [--json]';

const FLAG_OF: Record<string, string> = { width: '--width', height: '--height', fps: '--fps', seconds: '--seconds', thumbnailTime: '--time', preview: '--preview' };

function usage(message: string): number {
  process.stderr.write(`${message}\n\nUsage: auteur ${RENDER_HELP}\n`);
  return 2;
}

function num(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${flag} must be a number, got "${v}"`);
  return n;
}

/** A .glsl file is the Image pass; a .json file is a Shadertoy export. */
function readShader(file: string): { source: LooseShaderSource; meta: ShaderMeta | null } {
  const text = readFileSync(file, 'utf8');
  if (extname(file).toLowerCase() === '.json') {
    const { source, meta } = fromShadertoy(text);
    return { source, meta };
  }
  return { source: { image: { code: text } }, meta: null };
}

function summary(out: ShaderRenderOutput, fps: number): string {
  const lines: string[] = [];
  const t = out.frameTimeMs;
  const timing = t ? ` (frame mean ${t.mean} ms, p95 ${t.p95} ms)` : '';
  if (out.ok) lines.push(`OK: ${out.frames} frames at ${fps} fps in ${(out.renderer.ms / 1000).toFixed(1)} s${timing} on ${out.renderer.gl ?? 'unknown GL'}`);
  else lines.push(`FAILED (${out.failure?.code}): ${out.failure?.message}`);
  for (const d of out.diagnostics) lines.push(`  ${formatDiagnostic(d)}`);
  if (out.stats) {
    const s = out.stats;
    lines.push(`  brightness ${s.meanBrightness.toFixed(2)}, contrast ${s.contrast.toFixed(2)}, motion ${s.motionEnergy.toFixed(3)}, colourfulness ${s.colorfulness.toFixed(2)}, edges ${s.edgeDensity.toFixed(2)}`);
  }
  const v = out.validity;
  const flags = [v.isStatic && 'static (nothing moves)', !v.withinBudget && 'over the frame-time budget'].filter(Boolean);
  if (flags.length) lines.push(`  note: ${flags.join(', ')}`);
  return lines.join('\n');
}

export async function renderCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        seconds: { type: 'string' },
        width: { type: 'string' },
        height: { type: 'string' },
        fps: { type: 'string' },
        time: { type: 'string' },
        preview: { type: 'string' },
        out: { type: 'string' },
        frames: { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
  } catch (err) {
    return usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usage(positionals.length ? `Give one shader file, got ${positionals.length}` : 'Give the shader file to render');
  const file = resolve(positionals[0]!);
  let shader;
  try {
    shader = readShader(file);
  } catch (err) {
    if (err instanceof ShadertoyImportError) {
      const detail = err.unsupported.length ? `uses what the studio cannot run:\n${err.unsupported.map((u) => `  - ${u}\n`).join('')}` : `${err.message}\n`;
      process.stderr.write(`${file}: ${detail}`);
      return 1;
    }
    process.stderr.write(`Cannot read ${file}: ${(err as Error).message}\n`);
    return 1;
  }
  let settings;
  try {
    settings = ShaderRenderInput.omit({ source: true }).parse({
      seconds: num('--seconds', values.seconds) ?? 5,
      width: num('--width', values.width),
      height: num('--height', values.height),
      fps: num('--fps', values.fps),
      thumbnailTime: num('--time', values.time),
      preview: values.preview,
    });
  } catch (err) {
    const issue = (err as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues?.[0];
    return usage(issue ? `${FLAG_OF[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}` : (err as Error).message);
  }
  const outDir = resolve(values.out ?? `${basename(file, extname(file))}.render`);
  mkdirSync(outDir, { recursive: true });
  let lastMessage = '';
  const out = await renderShader(
    { ...settings, source: shader.source as ShaderRenderInput['source'] },
    {
      workDir: outDir,
      keepFrames: values.frames,
      progress: (_f, message) => {
        if (!values.json && process.stderr.isTTY && message !== lastMessage) process.stderr.write(`\r\x1b[K${message}`);
        lastMessage = message;
      },
    },
  ).finally(() => {
    if (!values.json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    return sharedRenderBrowser().close();
  });
  const reportPath = join(outDir, 'report.json');
  writeFileSync(reportPath, `${JSON.stringify({ file, meta: shader.meta, settings, ...out }, null, 2)}\n`);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(`${summary(out, settings.fps)}\n`);
    if (out.thumbnail?.path) process.stdout.write(`  thumbnail: ${out.thumbnail.path}\n`);
    if (out.preview?.path) process.stdout.write(`  preview:   ${out.preview.path}\n`);
    process.stdout.write(`  report:    ${reportPath}\n`);
  }
  return out.ok ? 0 : 1;
}
