/**
 * GPU side of the channel inputs: the generated textures (uploaded once per context and
 * orientation, with mipmaps), the keyboard texture, and one sampler object per filter/wrap
 * pair, so the same texture can be read with different settings on different channels, as
 * Shadertoy allows.
 */
import type { ChannelInput } from '../../shared/shaders/source.js';
import { KEYBOARD_ROWS, KEYBOARD_WIDTH, type KeyboardState } from './keyboard-state.js';
import { flippedRows, textureData, type TextureName } from './texture-data.js';

type Filter = 'linear' | 'nearest' | 'mipmap';
type Wrap = 'clamp' | 'repeat';

export class ChannelTextures {
  private readonly textures = new Map<string, WebGLTexture>();
  private readonly samplers = new Map<string, WebGLSampler>();
  private keyboardTexture: WebGLTexture | null = null;
  private keyboardVersion = -1;
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

  /** A generated texture; vflip false uploads it upside down (Shadertoy's unflipped image). */
  texture(name: TextureName, vflip = true): { texture: WebGLTexture; width: number; height: number } {
    const data = textureData(name);
    const key = vflip ? name : `${name}/unflipped`;
    let tex = this.textures.get(key);
    if (!tex) {
      const gl = this.gl;
      tex = gl.createTexture()!;
      gl.bindTexture(gl.TEXTURE_2D, tex);
      gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, data.width, data.height, 0, gl.RGBA, gl.UNSIGNED_BYTE, vflip ? data.pixels : flippedRows(data));
      gl.generateMipmap(gl.TEXTURE_2D);
      gl.bindTexture(gl.TEXTURE_2D, null);
      this.textures.set(key, tex);
    }
    return { texture: tex, width: data.width, height: data.height };
  }

  /** The 256×3 keyboard texture, re-uploaded only when `keys` changed since the last call. */
  keyboard(keys: KeyboardState): WebGLTexture {
    const gl = this.gl;
    if (!this.keyboardTexture) {
      this.keyboardTexture = gl.createTexture()!;
      gl.bindTexture(gl.TEXTURE_2D, this.keyboardTexture);
      gl.texStorage2D(gl.TEXTURE_2D, 1, gl.R8, KEYBOARD_WIDTH, KEYBOARD_ROWS);
      this.keyboardVersion = -1;
    }
    gl.bindTexture(gl.TEXTURE_2D, this.keyboardTexture);
    if (this.keyboardVersion !== keys.version) {
      gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
      gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, KEYBOARD_WIDTH, KEYBOARD_ROWS, gl.RED, gl.UNSIGNED_BYTE, keys.bytes);
      this.keyboardVersion = keys.version;
    }
    return this.keyboardTexture;
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
    for (const c of channels) if (c.type === 'texture') this.texture(c.name, c.vflip);
  }

  dispose(): void {
    const gl = this.gl;
    for (const t of this.textures.values()) gl.deleteTexture(t);
    for (const s of this.samplers.values()) gl.deleteSampler(s);
    if (this.keyboardTexture) gl.deleteTexture(this.keyboardTexture);
    this.keyboardTexture = null;
    gl.deleteTexture(this.empty);
    this.textures.clear();
    this.samplers.clear();
  }
}
