import type { ShaderDeps } from './deps.js';
import { emaTaste, SIGNAL_WEIGHTS, type TasteSignal } from './ranking.js';
import { textStyleVector } from './style-vector.js';
import { getVector, putVector } from './vectors.js';

/**
 * Per-profile taste vectors in vec_user_taste, moved by the seed §8 signal weights with the
 * EMA new = α · style · weight + (1 − α) · current, α = 0.15.
 */
export class TasteService {
  constructor(private readonly deps: ShaderDeps) {}

  private get sqlite() {
    return this.deps.database.sqlite;
  }

  get(userId: string): Float32Array | null {
    return getVector(this.sqlite, 'vec_user_taste', userId);
  }

  /** Applies one weighted style vector; returns the new taste. */
  apply(userId: string, style: Float32Array, weight: number): Float32Array {
    return this.sqlite.transaction(() => {
      const next = emaTaste(this.get(userId), style, weight);
      putVector(this.sqlite, 'vec_user_taste', userId, next);
      return next;
    })();
  }

  /** A signal about a shader; false when the shader has no style vector (nothing to learn from). */
  applyShaderSignal(userId: string, shaderId: string, signal: TasteSignal): boolean {
    const style = getVector(this.sqlite, 'vec_shader_style', shaderId);
    if (!style) return false;
    this.apply(userId, style, SIGNAL_WEIGHTS[signal]);
    return true;
  }

  /** An explicit desire (+1.2): its text placed in style space moves taste toward shaders described alike. */
  applyDesire(userId: string, promptText: string): void {
    this.apply(userId, textStyleVector(promptText), SIGNAL_WEIGHTS.desire);
  }
}
