import type { LibBlock } from '../glsl-lib.js';
import type { ResolvedPalette } from '../palettes.js';
import type { Mood } from '../prompt-words.js';
import type { Rng } from '../rng.js';

export type FamilyId =
  | 'tunnel'
  | 'fractal'
  | 'raymarch'
  | 'cells'
  | 'waves'
  | 'stars'
  | 'plasma'
  | 'kaleidoscope'
  | 'clouds'
  | 'grid'
  | 'fire'
  | 'aurora'
  | 'truchet'
  | 'rings'
  | 'blobs';

/** What a family gets: effective sliders (mood applied), a private generator, the palette, the prompt's terms. */
export interface FamilyContext {
  chaos: number;
  motion: number;
  rng: Rng;
  palette: ResolvedPalette;
  moods: ReadonlySet<Mood>;
  terms: ReadonlySet<string>;
}

export interface FamilyOutput {
  /**
   * GLSL defining `vec3 scene(vec2 fragCoord)` (and its helpers). It may use the composer's
   * constants CHAOS, SPEED, SEED, P0..P4, pal(), glow(), ramp() and the lib blocks it lists in `needs`.
   */
  code: string;
  needs: LibBlock[];
  /** Sub-kind chosen from the prompt or the seed ("julia", "ocean" …). */
  variant: string;
  geometry: string;
  motionType: string;
  shaderType: '2d' | '3d';
  /** Nouns for titles ("Tunnel", "Vortex" …). */
  nouns: string[];
  /** What it is, for the description ("a polar tunnel of glowing rings"). */
  what: string;
  tags: string[];
  /** Rough per-pixel cost 0..1, for the declared complexity. */
  cost: number;
}

export interface Family {
  id: FamilyId;
  /** Prompt words and phrases that choose this family; phrases count double. */
  keywords: readonly string[];
  /** Palettes that suit it when the prompt names no colour (first is the default). */
  palettes: readonly string[];
  /** 0 suits calm prompts … 1 suits chaotic ones: used when no keyword matches. */
  energy: number;
  build(ctx: FamilyContext): FamilyOutput;
}

/** Helper for a variant chosen by prompt words first, then by the seed. */
export function chooseVariant<T extends string>(ctx: FamilyContext, variants: ReadonlyArray<{ id: T; words: readonly string[] }>): T {
  const named = variants.find((v) => v.words.some((w) => ctx.terms.has(w)));
  return named ? named.id : ctx.rng.pick(variants).id;
}
