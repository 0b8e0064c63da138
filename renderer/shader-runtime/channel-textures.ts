/**
 * GPU side of the channel inputs: the generated textures (uploaded once per context, with
 * mipmaps) and one sampler object per filter/wrap pair, so the same texture can be read with
 * different settings on different channels, as Shadertoy allows.
 */
import type { ChannelInput } from '../../shared/shaders/source.js';
import { textureData, type TextureName } from './texture-data.js';

type Filter = 'linear' | 'nearest' | 'mipmap';
type Wrap = 'clamp' | 'repeat';

export class ChannelTextures {
  private readonly textures = new Map<TextureName, WebGLTexture>();
  private readonly samplers = new Map<string, WebGLSampler>();
  /** Bound to unused channels so they read transparent black. */
  readonly empty: WebGLTexture;

  constructor(private readonly gl: WebGL2RenderingContext) {
    const t = gl.createTexture();
    if (!t) throw new Error('gl.createTexture failed');
    gl.bindTexture(gl.TEXTURE_2D, t);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, 1, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
    gl.bindTexture(gl.TEXTURE_2D, null);
    this.empty = t;
  }

  texture(name: TextureName): { texture: WebGLTexture; width: number; height: number } {
    const data = textureData(name);
    let tex = this.textures.get(name);
    if (!tex) {
      const gl = this.gl;
      tex = gl.createTexture()!;
      gl.bindTexture(gl.TEXTURE_2D, tex);
      gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, data.width, data.height, 0, gl.RGBA, gl.UNSIGNED_BYTE, data.pixels);
      gl.generateMipmap(gl.TEXTURE_2D);
      gl.bindTexture(gl.TEXTURE_2D, null);
      this.textures.set(name, tex);
    }
    return { texture: tex, width: data.width, height: data.height };
  }

  /**
   * The sampler for a channel. `floatLinear` is false for float buffers the context cannot
   * filter; they fall back to nearest sampling instead of reading black.
   */
  sampler(filter: Filter, wrap: Wrap, floatLinear = true): WebGLSampler {
    const f: Filter = floatLinear ? filter : 'nearest';
    const key = `${f}/${wrap}`;
    let s = this.samplers.get(key);
    if (!s) {
      const gl = this.gl;
      s = gl.createSampler()!;
      const min = f === 'nearest' ? gl.NEAREST : f === 'linear' ? gl.LINEAR : gl.LINEAR_MIPMAP_LINEAR;
      gl.samplerParameteri(s, gl.TEXTURE_MIN_FILTER, min);
      gl.samplerParameteri(s, gl.TEXTURE_MAG_FILTER, f === 'nearest' ? gl.NEAREST : gl.LINEAR);
      const w = wrap === 'repeat' ? gl.REPEAT : gl.CLAMP_TO_EDGE;
      gl.samplerParameteri(s, gl.TEXTURE_WRAP_S, w);
      gl.samplerParameteri(s, gl.TEXTURE_WRAP_T, w);
      this.samplers.set(key, s);
    }
    return s;
  }

  /** Every texture a source's channels name, uploaded up front so the first frame is not slower. */
  preload(channels: ChannelInput[]): void {
    for (const c of channels) if (c.type === 'texture') this.texture(c.name);
  }

  dispose(): void {
    const gl = this.gl;
    for (const t of this.textures.values()) gl.deleteTexture(t);
    for (const s of this.samplers.values()) gl.deleteSampler(s);
    gl.deleteTexture(this.empty);
    this.textures.clear();
    this.samplers.clear();
  }
}
