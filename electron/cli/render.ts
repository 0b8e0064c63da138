/**
 * `auteur render <file.glsl|file.json>`: renders a shader in-process (no host needed) with the
 * same renderer the shader.render job uses, and writes thumbnail.png, preview.<webm|mp4> and
 * report.json into --out. report.json is written whatever happens, with a one-line `message`.
 * Exit codes (RENDER_EXIT): 0 rendered, 1 the shader is broken (with the mapped diagnostics),
 * 2 usage error, 3 the renderer could not run (browser/WebGL start, machine too busy, ffmpeg).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../../shared/shaders/glsl-wrap.js';
import { failureFault, ShaderRenderInput, type ShaderRenderOutput } from '../../shared/shaders/render-contract.js';
import { fromShadertoy, ShadertoyImportError, type ShaderMeta } from '../../shared/shaders/shadertoy-format.js';
import type { LooseShaderSource } from '../../shared/shaders/static-checks.js';
import { sharedRenderBrowser } from '../../worker/render/browser.js';
import { renderShader } from '../../worker/render/shader-renderer.js';

export const RENDER_HELP = 'render <file.glsl|.json> [--seconds 5] [--width 640 --height 360 --fps 30] [--time T] [--preview webm|mp4|none] [--frames] [--out DIR] [--json]';

/** What `auteur render` exits with: scripts can tell a broken shader from a renderer that could not run. */
export const RENDER_EXIT = { rendered: 0, shaderBroken: 1, usage: 2, rendererFailed: 3 } as const;

export const RENDER_EXIT_HELP =
  'Exit codes: 0 rendered; 1 the shader is broken (compile error, hang, black, NaN, too heavy); 2 usage error; 3 the renderer could not run (Chromium or WebGL would not start, machine too busy, ffmpeg). report.json is always written.';

const FLAG_OF: Record<string, string> = { width: '--width', height: '--height', fps: '--fps', seconds: '--seconds', thumbnailTime: '--time', preview: '--preview' };

function usage(message: string): number {
  process.stderr.write(`${message}\n\nUsage: auteur ${RENDER_HELP}\n${RENDER_EXIT_HELP}\n`);
  return RENDER_EXIT.usage;
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
  const tier = out.tier?.level ? ` (degraded to tier ${out.tier.level}, ${out.tier.name}: ${out.tier.width}x${out.tier.height} at ${out.tier.fps} fps for ${out.tier.seconds} s; the shader costs ${out.tier.costRatio}x the reference draw)` : '';
  if (out.ok) lines.push(`OK: ${out.frames} frames at ${out.tier?.fps ?? fps} fps in ${(out.renderer.ms / 1000).toFixed(1)} s${timing} on ${out.renderer.gl ?? 'unknown GL'}${tier}`);
  else lines.push(oneLine(out));
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

/** The one-line outcome that report.json carries as `message` and the CLI prints first. */
function oneLine(out: ShaderRenderOutput): string {
  if (out.ok) return `Rendered ${out.frames} frames${out.tier?.level ? ` at tier ${out.tier.level} (${out.tier.name})` : ''}`;
  const f = out.failure;
  if (!f) return 'FAILED: the render did not pass';
  return failureFault(f.code) === 'renderer' ? `RENDERER FAILED (${f.code}): ${f.message}` : `FAILED (${f.code}): ${f.message}`;
}

function exitCodeOf(out: ShaderRenderOutput): number {
  if (out.ok) return RENDER_EXIT.rendered;
  return out.failure && failureFault(out.failure.code) === 'renderer' ? RENDER_EXIT.rendererFailed : RENDER_EXIT.shaderBroken;
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
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`Usage: auteur ${RENDER_HELP}\n${RENDER_EXIT_HELP}\n`);
    return RENDER_EXIT.rendered;
  }
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
  const reportPath = join(outDir, 'report.json');
  let lastMessage = '';
  let out: ShaderRenderOutput;
  try {
    out = await renderShader(
      { ...settings, source: shader.source as ShaderRenderInput['source'] },
      {
        workDir: outDir,
        keepFrames: values.frames,
        progress: (_f, message) => {
          if (!values.json && process.stderr.isTTY && message !== lastMessage) process.stderr.write(`\r\x1b[K${message}`);
          lastMessage = message;
        },
      },
    );
  } catch (err) {
    // ffmpeg failing, a full disk …: still a report and a one-line reason, never a stack trace.
    const message = `RENDERER FAILED: ${((err as Error).message || String(err)).split('\n')[0]}`;
    writeFileSync(reportPath, `${JSON.stringify({ file, meta: shader.meta, settings, ok: false, message, failure: null, error: message }, null, 2)}\n`);
    process.stdout.write(`${message}\n  report:    ${reportPath}\n`);
    return RENDER_EXIT.rendererFailed;
  } finally {
    if (!values.json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    await sharedRenderBrowser().close();
  }
  writeFileSync(reportPath, `${JSON.stringify({ file, meta: shader.meta, settings, message: oneLine(out), ...out }, null, 2)}\n`);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(`${summary(out, settings.fps)}\n`);
    if (out.thumbnail?.path) process.stdout.write(`  thumbnail: ${out.thumbnail.path}\n`);
    if (out.preview?.path) process.stdout.write(`  preview:   ${out.preview.path}\n`);
    process.stdout.write(`  report:    ${reportPath}\n`);
  }
  return exitCodeOf(out);
}
