/**
 * One PNG frame of a shader at a given time: the offline default for image/video-frame
 * providers. Uses the full renderer (static checks, watchdog, NaN/black validity) with no
 * preview; a shader that cannot be drawn throws ShaderRenderError with the reason, while a
 * black or NaN frame is still returned (a dark frame is a legitimate frame of a video).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderFailure } from '../../shared/shaders/render-contract.js';
import type { CompileDiagnostic, ShaderSourceInput } from '../../shared/shaders/source.js';
import { renderShader, type RenderOptions } from './shader-renderer.js';

export class ShaderRenderError extends Error {
  constructor(
    readonly failure: RenderFailure,
    readonly diagnostics: CompileDiagnostic[],
  ) {
    super(failure.message);
    this.name = 'ShaderRenderError';
  }
}

export interface StillRequest {
  source: ShaderSourceInput;
  width: number;
  height: number;
  /** iTime in seconds (0–60). */
  time: number;
}

export async function renderShaderStill(req: StillRequest, opts: Omit<RenderOptions, 'workDir'> = {}): Promise<Buffer> {
  const workDir = mkdtempSync(join(tmpdir(), 'auteur-still-'));
  try {
    const out = await renderShader(
      { source: req.source, width: req.width, height: req.height, seconds: 0, fps: 30, thumbnailTime: req.time, preview: 'none' },
      { ...opts, workDir, degrade: false },
    );
    if (!out.thumbnail?.path) {
      throw new ShaderRenderError(out.failure ?? { code: 'compile_error', message: 'The shader produced no frame' }, out.diagnostics);
    }
    return readFileSync(out.thumbnail.path);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
