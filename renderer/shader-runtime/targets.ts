/**
 * Render targets for buffers A–D: two textures per buffer (ping-pong), so a pass can read its
 * own previous frame while writing the next. Float formats when the context can render to them
 * (Shadertoy's buffers are float), RGBA8 otherwise.
 */

export type BufferFormat = 'rgba32f' | 'rgba16f' | 'rgba8';

interface FormatSpec {
  internal: number;
  format: number;
  type: number;
}

function spec(gl: WebGL2RenderingContext, f: BufferFormat): FormatSpec {
  if (f === 'rgba32f') return { internal: gl.RGBA32F, format: gl.RGBA, type: gl.FLOAT };
  if (f === 'rgba16f') return { internal: gl.RGBA16F, format: gl.RGBA, type: gl.HALF_FLOAT };
  return { internal: gl.RGBA8, format: gl.RGBA, type: gl.UNSIGNED_BYTE };
}

export interface Target {
  texture: WebGLTexture;
  fbo: WebGLFramebuffer;
}

function makeTarget(gl: WebGL2RenderingContext, f: BufferFormat, width: number, height: number): Target | null {
  const s = spec(gl, f);
  const texture = gl.createTexture();
  const fbo = gl.createFramebuffer();
  if (!texture || !fbo) return null;
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texImage2D(gl.TEXTURE_2D, 0, s.internal, width, height, 0, s.format, s.type, null);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
  gl.bindFramebuffer(gl.FRAMEBUFFER, fbo);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
  const complete = gl.checkFramebufferStatus(gl.FRAMEBUFFER) === gl.FRAMEBUFFER_COMPLETE;
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.bindTexture(gl.TEXTURE_2D, null);
  if (!complete) {
    gl.deleteTexture(texture);
    gl.deleteFramebuffer(fbo);
    return null;
  }
  // New textures are zero-filled by WebGL, so buffers start black and transparent like Shadertoy's.
  return { texture, fbo };
}

/**
 * The best buffer format this context renders to: RGBA32F needs EXT_color_buffer_float plus
 * OES_texture_float_linear (so linear/mipmap sampling works); RGBA16F needs either colour-buffer
 * extension. Each is proven with a real framebuffer before it is chosen.
 */
export function pickBufferFormat(gl: WebGL2RenderingContext): BufferFormat {
  const cbf = !!gl.getExtension('EXT_color_buffer_float');
  const half = cbf || !!gl.getExtension('EXT_color_buffer_half_float');
  const floatLinear = !!gl.getExtension('OES_texture_float_linear');
  const candidates: BufferFormat[] = [];
  if (cbf && floatLinear) candidates.push('rgba32f');
  if (half) candidates.push('rgba16f');
  for (const f of candidates) {
    const t = makeTarget(gl, f, 4, 4);
    if (t) {
      disposeTarget(gl, t);
      return f;
    }
  }
  return 'rgba8';
}

export function disposeTarget(gl: WebGL2RenderingContext, t: Target): void {
  gl.deleteTexture(t.texture);
  gl.deleteFramebuffer(t.fbo);
}

/** One buffer's pair of targets: `read` holds the latest finished frame, `write` receives the next. */
export class PingPong {
  private targets: [Target, Target];
  private current = 0;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    readonly format: BufferFormat,
    readonly width: number,
    readonly height: number,
  ) {
    const a = makeTarget(gl, format, width, height);
    const b = makeTarget(gl, format, width, height);
    if (!a || !b) throw new Error(`Cannot create a ${width}×${height} ${format} render target`);
    this.targets = [a, b];
  }

  get read(): Target {
    return this.targets[this.current]!;
  }

  get write(): Target {
    return this.targets[1 - this.current]!;
  }

  swap(): void {
    this.current = 1 - this.current;
  }

  dispose(): void {
    for (const t of this.targets) disposeTarget(this.gl, t);
  }
}

/** A single float target for the NaN probe (null when float rendering is unavailable). */
export function makeProbeTarget(gl: WebGL2RenderingContext, format: BufferFormat, width: number, height: number): Target | null {
  return format === 'rgba8' ? null : makeTarget(gl, format, width, height);
}
