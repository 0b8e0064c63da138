import type { DeclaredStyle } from '../../../shared/schemas/shaders.js';
import type { ShaderSource } from '../../../shared/shaders/source.js';
import { FAMILIES, type FamilyId, type FamilyOutput } from './families/index.js';
import type { Family } from './families/types.js';
import { libCode } from './glsl-lib.js';
import { composeDescription, composeTags, composeTitle } from './naming.js';
import { blendPalettes, paletteByName, paletteGlsl, resolvePalette, type ResolvedPalette } from './palettes.js';
import { analyzePrompt, moodBias, type PromptAnalysis } from './prompt-words.js';
import { glslFloat as f, hashString, Rng } from './rng.js';

/**
 * The procedural composer (DESIGN §4: the offline default for shader generation): reads the
 * prompt's words and the style sliders and assembles GLSL from tested building blocks. The
 * same (prompt, style, seed) always gives the same shader. No model is involved, and the
 * provenance says so: provider 'procedural', model PROCEDURAL_MODEL.
 */

export const PROCEDURAL_PROVIDER = 'procedural';
export const PROCEDURAL_MODEL = 'procedural-composer@1';

export interface ComposeStyle {
  chaos: number;
  /** -1 cool … +1 warm. */
  colorTemperature: number;
  motion: number;
}

export interface ComposeRequest {
  prompt: string;
  style: ComposeStyle;
  seed: number;
  /** Force a family (tests, "more like this"); otherwise chosen from the prompt. */
  family?: FamilyId;
}

export interface Composition {
  source: ShaderSource;
  title: string;
  description: string;
  tags: string[];
  style: Required<Pick<DeclaredStyle, 'chaos' | 'colorTemperature' | 'temperatureLabel' | 'motion' | 'motionType' | 'geometry' | 'complexity' | 'palette'>>;
  shaderType: '2d' | '3d';
  family: FamilyId;
  variant: string;
  paletteName: string;
  provider: typeof PROCEDURAL_PROVIDER;
  model: typeof PROCEDURAL_MODEL;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Keyword score per family: a phrase match counts double. Ties and no-match fall back to the seed. */
export function chooseFamily(analysis: PromptAnalysis, chaos: number, rng: Rng): Family {
  const scored = FAMILIES.map((fam) => ({ fam, score: fam.keywords.reduce((s, k) => s + (analysis.terms.has(k) ? (k.includes(' ') ? 2 : 1) : 0), 0) }));
  const best = Math.max(...scored.map((s) => s.score));
  if (best > 0) {
    const top = scored.filter((s) => s.score === best).map((s) => s.fam);
    // Among equal scores the family named last wins: English puts the head noun last ("hypnotic neon tunnel").
    const lastMention = (fam: Family): number => Math.max(-1, ...fam.keywords.map((k) => analysis.words.lastIndexOf(k.split(' ')[0]!)));
    return top.sort((a, b) => lastMention(b) - lastMention(a))[0]!;
  }
  // Nothing named: families whose energy suits the chaos slider are likelier.
  return rng.weighted(FAMILIES.map((fam) => [fam, 1.2 - Math.abs(fam.energy - chaos)] as const));
}

function choosePalette(analysis: PromptAnalysis, family: Family, rng: Rng): ResolvedPalette['def'] {
  const named = [...analysis.palettes].sort((a, b) => firstWord(analysis, a) - firstWord(analysis, b));
  if (named.length >= 2) return blendPalettes(paletteByName(named[0]!), paletteByName(named[1]!));
  if (named.length === 1) return paletteByName(named[0]!);
  // No colour words: usually the family's own palette, sometimes one of its alternatives.
  return paletteByName(rng.next() < 0.6 ? family.palettes[0]! : rng.pick(family.palettes));
}

/** Position of a palette's first colour word in the prompt (shadows come from the first named). */
function firstWord(analysis: PromptAnalysis, palette: string): number {
  const words = paletteByName(palette).words;
  const at = analysis.words.findIndex((w) => words.includes(w));
  return at < 0 ? 999 : at;
}

/** ASCII-only one-line text for a GLSL comment. */
const commentSafe = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);

function assemble(out: FamilyOutput, palette: ResolvedPalette, header: string[], consts: { chaos: number; speed: number; seed: number; octaves: number; exposure: number }, post: { glitch: boolean; scanlines: boolean; vignette: number; grain: number }): string {
  const lib = libCode(['hash', ...out.needs], consts.octaves);
  const glitchCoord = post.glitch
    ? `    // Glitch: rows of blocks slide sideways during random "events".
    float ev = floor(iTime * 6.0);
    float strength = step(0.55, hash12(vec2(ev, SEED))) * hash12(vec2(ev, 2.0));
    vec2 block = floor(fragCoord / iResolution.xy * vec2(8.0, 24.0));
    fc.x += (hash12(block.yy + ev) - 0.5) * 0.25 * iResolution.x * step(0.7, hash12(block + ev * 1.3)) * strength;
`
    : '';
  const glitchColor = post.glitch ? `    col = mix(col, col.brg, step(0.92, hash12(vec2(floor(fragCoord.y / 6.0), floor(iTime * 6.0)))) * 0.8);\n` : '';
  const scan = post.scanlines ? `    col *= 0.85 + 0.15 * sin(fragCoord.y * 3.14159);\n` : '';
  return `${header.map((l) => `// ${l}`).join('\n')}
const float CHAOS = ${f(consts.chaos)};
const float SPEED = ${f(consts.speed)};
const float SEED = ${f(consts.seed, 2)};
${paletteGlsl(palette)}${lib}
${out.code}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 fc = fragCoord;
${glitchCoord}    vec3 col = scene(fc) * ${f(consts.exposure)};
${glitchColor}${scan}    vec2 q = fragCoord / iResolution.xy;
    col *= 1.0 - ${f(post.vignette)} * dot(q - 0.5, q - 0.5) * 2.0;
    col += (hash12(fragCoord + fract(iTime) * 91.7) - 0.5) * ${f(post.grain)};
    fragColor = vec4(clamp(col, 0.0, 1.0), 1.0);
}
`;
}

export function compose(req: ComposeRequest): Composition {
  const analysis = analyzePrompt(req.prompt);
  const bias = moodBias(analysis.moods);
  const chaos = clamp01(req.style.chaos + bias.chaos);
  const motion = clamp01(req.style.motion + bias.motion);
  const temperature = Math.max(-1, Math.min(1, req.style.colorTemperature));
  // One root generator per (prompt words, sliders, seed); each decision gets its own fork.
  const root = new Rng(hashString(`${analysis.words.join(' ')}|${chaos.toFixed(3)}|${motion.toFixed(3)}|${temperature.toFixed(3)}|${req.seed >>> 0}`));
  const family = req.family ? FAMILIES.find((x) => x.id === req.family)! : chooseFamily(analysis, chaos, root.fork('family'));
  const paletteDef = choosePalette(analysis, family, root.fork('palette'));
  const palette = resolvePalette(paletteDef, temperature);
  const out = family.build({ chaos, motion, rng: root.fork(`build:${family.id}`), palette, moods: analysis.moods, terms: analysis.terms });

  const octaves = Math.round(3 + 3 * chaos);
  const speed = 0.05 + 1.45 * Math.pow(motion, 1.2);
  const seedConst = (root.fork('seed').next() * 97) % 97;
  const exposure = analysis.moods.has('dark') ? 0.75 : analysis.moods.has('bright') ? 1.2 : 1.0;
  const post = {
    glitch: analysis.moods.has('glitch'),
    scanlines: analysis.moods.has('retro'),
    vignette: analysis.moods.has('minimal') ? 0.15 : analysis.moods.has('dreamy') ? 0.5 : 0.35,
    grain: analysis.moods.has('minimal') ? 0.0 : analysis.moods.has('retro') || analysis.moods.has('glitch') ? 0.06 : 0.02,
  };
  const rng = root.fork('naming');
  const title = composeTitle(analysis, out, palette, rng).slice(0, 120);
  const header = [
    `${commentSafe(title)} - composed by ${PROCEDURAL_MODEL}`,
    `prompt: "${commentSafe(req.prompt)}"`,
    `family ${family.id} (${out.variant}), palette ${paletteDef.name}, chaos ${chaos.toFixed(2)}, motion ${motion.toFixed(2)}, temperature ${temperature.toFixed(2)}, seed ${req.seed >>> 0}`,
    'Tweak CHAOS, SPEED and the palette stops P0..P4 below: every part of the shader reads them.',
  ];
  const code = assemble(out, palette, header, { chaos, speed, seed: seedConst, octaves, exposure }, post);
  const warmth = round3(palette.warmth);
  const complexityScore = out.cost * 0.7 + chaos * 0.3;
  return {
    source: { common: '', buffers: [], image: { code, channels: [] } },
    title,
    description: composeDescription(req.prompt, out, palette, chaos, motion),
    tags: composeTags(analysis, family.id, out, palette),
    style: {
      chaos: round3(chaos),
      colorTemperature: warmth,
      temperatureLabel: palette.monochrome ? 'monochrome' : warmth > 0.2 ? 'warm' : warmth < -0.2 ? 'cool' : 'neutral',
      motion: round3(motion),
      motionType: out.motionType,
      geometry: out.geometry,
      complexity: complexityScore < 0.3 ? 'low' : complexityScore < 0.6 ? 'medium' : 'high',
      palette: palette.hex,
    },
    shaderType: out.shaderType,
    family: family.id,
    variant: out.variant,
    paletteName: paletteDef.name,
    provider: PROCEDURAL_PROVIDER,
    model: PROCEDURAL_MODEL,
  };
}
