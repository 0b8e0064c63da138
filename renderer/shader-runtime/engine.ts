/**
 * The WebGL2 multipass Shadertoy engine shared by the studio's canvas and the headless
 * renderer: Buffer A–D (ping-pong float targets, self-reads see the previous frame) then Image,
 * Shadertoy's uniforms and channel semantics, NaN probing and context-loss recovery. Frames are
 * a pure function of the (time, frame) sequence it is given, so a render is reproducible.
 */
import type { RenderPassName } from '../../shared/shaders/glsl-wrap.js';
import type { BufferId, ChannelInput, CompileDiagnostic, ShaderSource } from '../../shared/shaders/source.js';
import { ChannelTextures } from './channel-textures.js';
import { shadertoyDate } from './clock.js';
import { compilePasses, type PassProgram } from './gl-program.js';
import { KEYBOARD_ROWS, KEYBOARD_WIDTH, KeyboardState } from './keyboard-state.js';
import { MouseState } from './mouse-state.js';
import { makeProbeTarget, pickBufferFormat, PingPong, type BufferFormat, type Target } from './targets.js';

export interface EngineOptions {
  /** Keep the drawing buffer after a frame so it can be read back later (headless capture). */
  preserveDrawingBuffer?: boolean;
  /**
   * iDate source, always Shadertoy's (year, month 0–11, day, seconds since local midnight):
   * 'wall' reads the local clock each frame (the interactive canvas); 'load' is the local clock
   * when the shader was loaded plus iTime, so a render's frames agree with their own time line;
   * a number is a fixed UTC epoch (ms) plus iTime, in UTC, for byte-reproducible renders.
   */
  dateBase?: number | 'wall' | 'load';
  onContextLost?: () => void;
  onContextRestored?: (result: LoadResult | null) => void;
}

export interface LoadResult {
  ok: boolean;
  diagnostics: CompileDiagnostic[];
}

export interface FrameParams {
  time: number;
  /** iFrame; defaults to the engine's own counter (frames since load/reset). */
  frame?: number;
  /** iTimeDelta; defaults to the difference from the previous frame's time. */
  delta?: number;
  frameRate?: number;
}

export interface GlInfo {
  renderer: string;
  version: string;
  bufferFormat: BufferFormat;
}

const BUFFER_ORDER: BufferId[] = ['A', 'B', 'C', 'D'];

const SAMPLE_RATE = 44100;

export class ShaderEngine {
  readonly gl: WebGL2RenderingContext;
  readonly mouse = new MouseState();
  /** Key state for keyboard channels; all zeros unless something (the editor canvas) feeds it. */
  readonly keyboard = new KeyboardState();
  info: GlInfo;
  private textures: ChannelTextures;
  private programs: PassProgram[] | null = null;
  private source: ShaderSource | null = null;
  private buffers = new Map<BufferId, PingPong>();
  private mipmapped = new Set<BufferId>();
  private probe: Target | null = null;
  private frameCounter = 0;
  private lastTime: number | null = null;
  private lastUniforms: { time: number; frame: number; delta: number; frameRate: number; mouse: number[] } | null = null;
  private lost = false;
  private pixels = new Uint8Array(0);
  private loadedAt = Date.now();

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly opts: EngineOptions = {},
  ) {
    const gl = canvas.getContext('webgl2', {
      alpha: false,
      antialias: false,
      depth: false,
      stencil: false,
      premultipliedAlpha: false,
      preserveDrawingBuffer: !!opts.preserveDrawingBuffer,
      powerPreference: 'high-performance',
    });
    if (!gl) throw new Error('WebGL2 is not available in this browser');
    this.gl = gl;
    this.info = this.initContext();
    this.textures = new ChannelTextures(gl);
    canvas.addEventListener('webglcontextlost', this.onLost);
    canvas.addEventListener('webglcontextrestored', this.onRestored);
  }

  get width(): number {
    return this.canvas.width;
  }

  get height(): number {
    return this.canvas.height;
  }

  get contextLost(): boolean {
    return this.lost || this.gl.isContextLost();
  }

  /** Frames rendered since the last load/reset. */
  get frame(): number {
    return this.frameCounter;
  }

  private initContext(): GlInfo {
    const gl = this.gl;
    const dbg = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String((dbg ? gl.getParameter(dbg.UNMASKED_RENDERER_WEBGL) : null) ?? gl.getParameter(gl.RENDERER));
    return { renderer, version: String(gl.getParameter(gl.VERSION)), bufferFormat: pickBufferFormat(gl) };
  }

  private onLost = (ev: Event): void => {
    ev.preventDefault(); // lets the browser restore the context
    this.lost = true;
    this.programs = null;
    this.buffers.clear();
    this.probe = null;
    this.opts.onContextLost?.();
  };

  private onRestored = (): void => {
    this.lost = false;
    this.info = this.initContext();
    this.textures = new ChannelTextures(this.gl);
    const result = this.source ? this.load(this.source) : null;
    this.opts.onContextRestored?.(result);
  };

  /** Compiles every pass. On failure the previous shader keeps running and the diagnostics say why. */
  load(source: ShaderSource): LoadResult {
    if (this.contextLost) return { ok: false, diagnostics: [{ pass: 'image', line: 0, column: null, severity: 'error', message: 'The WebGL context is lost; waiting for the browser to restore it' }] };
    const present = new Set(source.buffers.map((b) => b.id));
    const missing: CompileDiagnostic[] = [];
    const passes: Array<{ pass: RenderPassName; code: string; channels: ChannelInput[] }> = [
      ...[...source.buffers].sort((a, b) => BUFFER_ORDER.indexOf(a.id) - BUFFER_ORDER.indexOf(b.id)).map((b) => ({ pass: b.id, code: b.code, channels: b.channels })),
      { pass: 'image' as const, code: source.image.code, channels: source.image.channels },
    ];
    for (const p of passes) {
      p.channels.forEach((c, i) => {
        if (c.type === 'buffer' && !present.has(c.id)) {
          missing.push({ pass: p.pass, line: 0, column: null, severity: 'error', message: `iChannel${i} reads Buffer ${c.id}, but this shader has no Buffer ${c.id} pass` });
        }
      });
    }
    if (missing.length) return { ok: false, diagnostics: missing };
    const compiled = compilePasses(this.gl, passes, source.common);
    if (!compiled.programs) return { ok: false, diagnostics: compiled.diagnostics };
    for (const p of this.programs ?? []) this.gl.deleteProgram(p.program);
    this.programs = compiled.programs;
    this.source = source;
    this.loadedAt = Date.now();
    this.mipmapped = new Set(passes.flatMap((p) => p.channels.flatMap((c) => (c.type === 'buffer' && c.filter === 'mipmap' ? [c.id] : []))));
    for (const p of passes) this.textures.preload(p.channels);
    this.allocateBuffers();
    return { ok: true, diagnostics: compiled.diagnostics };
  }

  private allocateBuffers(): void {
    for (const b of this.buffers.values()) b.dispose();
    this.buffers.clear();
    if (this.probe) {
      this.gl.deleteTexture(this.probe.texture);
      this.gl.deleteFramebuffer(this.probe.fbo);
      this.probe = null;
    }
    for (const b of this.source?.buffers ?? []) this.buffers.set(b.id, new PingPong(this.gl, this.info.bufferFormat, this.width, this.height));
    this.frameCounter = 0;
    this.lastTime = null;
  }

  /** New size in buffer pixels; buffers restart empty (their old content does not fit). */
  resize(width: number, height: number): void {
    const w = Math.max(1, Math.round(width));
    const h = Math.max(1, Math.round(height));
    if (w === this.canvas.width && h === this.canvas.height) return;
    this.canvas.width = w;
    this.canvas.height = h;
    if (!this.contextLost) this.allocateBuffers();
  }

  /** Back to frame 0 with empty buffers. */
  reset(): void {
    if (!this.contextLost) this.allocateBuffers();
    this.mouse.reset();
    this.keyboard.reset();
  }

  private date(time: number): [number, number, number, number] {
    const base = this.opts.dateBase ?? 'wall';
    if (typeof base === 'number') return shadertoyDate(new Date(base + time * 1000), 'utc');
    return shadertoyDate(base === 'wall' ? new Date() : new Date(this.loadedAt + time * 1000), 'local');
  }

  private bindChannels(channels: ChannelInput[]): Float32Array {
    const gl = this.gl;
    const res = new Float32Array(12);
    for (let i = 0; i < 4; i++) {
      const c = channels[i] ?? { type: 'none' as const };
      gl.activeTexture(gl.TEXTURE0 + i);
      if (c.type === 'texture') {
        const t = this.textures.texture(c.name, c.vflip);
        gl.bindTexture(gl.TEXTURE_2D, t.texture);
        gl.bindSampler(i, this.textures.sampler(c.filter, c.wrap));
        res.set([t.width, t.height, 1], i * 3);
      } else if (c.type === 'keyboard') {
        gl.bindTexture(gl.TEXTURE_2D, this.textures.keyboard(this.keyboard));
        gl.bindSampler(i, this.textures.sampler('nearest', 'clamp'));
        res.set([KEYBOARD_WIDTH, KEYBOARD_ROWS, 1], i * 3);
      } else if (c.type === 'buffer' && this.buffers.has(c.id)) {
        gl.bindTexture(gl.TEXTURE_2D, this.buffers.get(c.id)!.read.texture);
        gl.bindSampler(i, this.textures.sampler(c.filter, c.wrap));
        res.set([this.width, this.height, 1], i * 3);
      } else {
        gl.bindTexture(gl.TEXTURE_2D, this.textures.empty);
        gl.bindSampler(i, this.textures.sampler('nearest', 'clamp'));
      }
    }
    return res;
  }

  private drawPass(p: PassProgram, channels: ChannelInput[], u: NonNullable<ShaderEngine['lastUniforms']>, target: WebGLFramebuffer | null): void {
    const gl = this.gl;
    gl.bindFramebuffer(gl.FRAMEBUFFER, target);
    gl.viewport(0, 0, this.width, this.height);
    gl.useProgram(p.program);
    const res = this.bindChannels(channels);
    const l = p.uniforms;
    gl.uniform3f(l.iResolution, this.width, this.height, 1);
    gl.uniform1f(l.iTime, u.time);
    gl.uniform1f(l.iTimeDelta, u.delta);
    gl.uniform1i(l.iFrame, u.frame);
    gl.uniform1f(l.iFrameRate, u.frameRate);
    gl.uniform4fv(l.iMouse, u.mouse);
    gl.uniform4fv(l.iDate, this.date(u.time));
    gl.uniform1f(l.iSampleRate, SAMPLE_RATE);
    gl.uniform3fv(l.iChannelResolution, res);
    gl.uniform1fv(l.iChannelTime, [u.time, u.time, u.time, u.time]);
    gl.uniform1i(l.iChannel0, 0);
    gl.uniform1i(l.iChannel1, 1);
    gl.uniform1i(l.iChannel2, 2);
    gl.uniform1i(l.iChannel3, 3);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
  }

  private channelsOf(pass: RenderPassName): ChannelInput[] {
    if (pass === 'image') return this.source!.image.channels;
    return this.source!.buffers.find((b) => b.id === pass)!.channels;
  }

  /** Renders one frame: every buffer in A–D order, then Image to the canvas. False when nothing is loaded or the context is lost. */
  render(params: FrameParams): boolean {
    if (!this.programs || !this.source || this.contextLost) return false;
    const gl = this.gl;
    const u = {
      time: params.time,
      frame: params.frame ?? this.frameCounter,
      delta: params.delta ?? (this.lastTime === null ? 0 : Math.max(0, params.time - this.lastTime)),
      frameRate: params.frameRate ?? 60,
      mouse: this.mouse.uniform(),
    };
    for (const p of this.programs) {
      if (p.pass === 'image') continue;
      const buf = this.buffers.get(p.pass as BufferId)!;
      this.drawPass(p, this.channelsOf(p.pass), u, buf.write.fbo);
      buf.swap();
      if (this.mipmapped.has(p.pass as BufferId)) {
        gl.bindTexture(gl.TEXTURE_2D, buf.read.texture);
        gl.generateMipmap(gl.TEXTURE_2D);
      }
    }
    const image = this.programs.find((p) => p.pass === 'image')!;
    this.drawPass(image, this.source.image.channels, u, null);
    this.lastUniforms = u;
    this.lastTime = params.time;
    this.frameCounter = u.frame + 1;
    this.keyboard.endFrame();
    return true;
  }

  /** The Image output as top-down RGBA8 (row 0 is the top of the picture). Waits for the GPU. */
  readPixels(): Uint8Array {
    const gl = this.gl;
    const w = this.width;
    const h = this.height;
    const raw = new Uint8Array(w * h * 4);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, raw);
    if (this.pixels.length !== raw.length) this.pixels = new Uint8Array(raw.length);
    const row = w * 4;
    for (let y = 0; y < h; y++) this.pixels.set(raw.subarray((h - 1 - y) * row, (h - y) * row), y * row);
    return this.pixels;
  }

  /**
   * Renders the last frame's Image pass again into a float target and counts pixels whose
   * colour is NaN, which an 8-bit canvas silently turns into black. Null without float targets.
   */
  probeNaN(): { nanPixels: number; pixels: number } | null {
    if (!this.programs || !this.source || !this.lastUniforms || this.contextLost) return null;
    const gl = this.gl;
    this.probe ??= makeProbeTarget(gl, this.info.bufferFormat, this.width, this.height);
    if (!this.probe) return null;
    const image = this.programs.find((p) => p.pass === 'image')!;
    this.drawPass(image, this.source.image.channels, this.lastUniforms, this.probe.fbo);
    const data = new Float32Array(this.width * this.height * 4);
    gl.readPixels(0, 0, this.width, this.height, gl.RGBA, gl.FLOAT, data);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    let nan = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Number.isNaN(data[i]!) || Number.isNaN(data[i + 1]!) || Number.isNaN(data[i + 2]!)) nan++;
    }
    return { nanPixels: nan, pixels: this.width * this.height };
  }

  /** Waits until the GPU has finished every queued command (a one-pixel read forces it). */
  finish(): void {
    const px = new Uint8Array(4);
    this.gl.bindFramebuffer(this.gl.FRAMEBUFFER, null);
    this.gl.readPixels(0, 0, 1, 1, this.gl.RGBA, this.gl.UNSIGNED_BYTE, px);
  }

  dispose(): void {
    this.canvas.removeEventListener('webglcontextlost', this.onLost);
    this.canvas.removeEventListener('webglcontextrestored', this.onRestored);
    if (!this.gl.isContextLost()) {
      for (const p of this.programs ?? []) this.gl.deleteProgram(p.program);
      for (const b of this.buffers.values()) b.dispose();
      if (this.probe) {
        this.gl.deleteTexture(this.probe.texture);
        this.gl.deleteFramebuffer(this.probe.fbo);
      }
      this.textures.dispose();
    }
    this.programs = null;
    this.buffers.clear();
    this.gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
