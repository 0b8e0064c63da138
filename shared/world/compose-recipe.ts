import {
  RECIPE_LIMITS, Recipe, SHAPE_KIND, type MaterialType, type RecipeKind, type RecipeMaterial, type RecipeShape,
} from './recipe.js';
import { ADJECTIVES, COLOURS, MATERIALS, SHAPES, SIZE_WORDS, effectiveDensity } from './vocabulary.js';

/**
 * The offline recipe composer: prompt → Recipe from the documented vocabulary (vocabulary.ts),
 * pure and synchronous (no Node, no I/O) so the host answers POST /world/jobs with a placeholder at
 * once and the renderer can run it locally. It is also the recipe of the offline path of the
 * world.generate job. When no known shape is named it says so (`fallback: true` + `reason`) and
 * builds a generic box of a sane size instead of pretending it understood.
 */

export interface WorldContext {
  /** The world's style guide ("lowpoly", "medieval"…), folded into the recipe's style. */
  style?: string;
  /** Kinds this world allows; a shape of another kind falls back to a box, saying why. */
  allowedKinds?: readonly RecipeKind[];
}

export interface Placeholder {
  /** Box size [x, y, z] in metres, the same as recipe.scaleMeters. */
  sizeMeters: [number, number, number];
  /** #rrggbb of the main material. */
  color: string;
  collider: 'box';
  massKg: number;
}

export interface ComposedRecipe {
  recipe: Recipe;
  placeholder: Placeholder;
  fallback: boolean;
  /** Why it fell back (only when fallback is true). */
  reason?: string;
  /** The vocabulary words it understood, in prompt order per category (shown in the UI). */
  understood: { shape?: string; sizes: string[]; materials: string[]; colours: string[]; adjectives: string[]; dimensions: string[] };
}

/** FNV-1a 32-bit: a deterministic seed from the prompt text. */
export function promptSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whole word or phrase, plural allowed: "crates", "boxes", "benches". */
const reCache = new Map<string, RegExp>();
const wordRe = (w: string) => {
  let re = reCache.get(w);
  if (!re) reCache.set(w, (re = new RegExp(`(?<![a-z0-9-])${escapeRe(w)}(?:s|es)?(?![a-z0-9])`, 'g')));
  return re;
};

interface Hit<T> { key: T; word: string; at: number }

function findAll<T extends string>(text: string, table: Readonly<Record<T, { words: readonly string[] }>>): Hit<T>[] {
  const hits: Hit<T>[] = [];
  for (const key of Object.keys(table) as T[]) {
    for (const word of table[key].words) {
      for (const m of text.matchAll(wordRe(word))) hits.push({ key, word, at: m.index });
    }
  }
  // Earliest first; at the same place the longer phrase wins ("lamp post" over "lamp").
  return hits.sort((a, b) => a.at - b.at || b.word.length - a.word.length);
}

function findWords(text: string, words: readonly string[]): Hit<string>[] {
  const hits: Hit<string>[] = [];
  for (const w of words) for (const m of text.matchAll(wordRe(w))) hits.push({ key: w, word: w, at: m.index });
  return hits.sort((a, b) => a.at - b.at);
}

const UNIT: Record<string, number> = { m: 1, meter: 1, meters: 1, metre: 1, metres: 1, cm: 0.01, centimeter: 0.01, centimeters: 0.01, centimetre: 0.01, centimetres: 0.01, mm: 0.001, ft: 0.3048, foot: 0.3048, feet: 0.3048 };
const DIM_RE = /(\d+(?:\.\d+)?)\s*(m|meters?|metres?|cm|centimet(?:er|re)s?|mm|ft|foot|feet)(?![a-z])(?:\s+(tall|high|wide|long|deep|across|in diameter))?/g;

const clampSize = (v: number) => Math.min(RECIPE_LIMITS.sizeMeters.max, Math.max(RECIPE_LIMITS.sizeMeters.min, v));
const round3 = (v: number) => Math.round(v * 1000) / 1000;
const MATERIAL_WORDS_AS_SHAPE = new Set(Object.values(MATERIALS).flatMap((m) => m.words));

export function composeRecipe(prompt: string, context: WorldContext = {}): ComposedRecipe {
  const raw = prompt.normalize('NFKC').trim().slice(0, 500);
  const text = raw.toLowerCase();
  const understood: ComposedRecipe['understood'] = { sizes: [], materials: [], colours: [], adjectives: [], dimensions: [] };
  let fallback = false;
  let reason: string | undefined;

  // Shape: the first named shape that is not only a material word ("stone wall" is a wall).
  const shapeHits = findAll(text, SHAPES);
  const hit = shapeHits.find((h) => !MATERIAL_WORDS_AS_SHAPE.has(h.word)) ?? shapeHits[0];
  let shape: RecipeShape = hit?.key ?? 'box';
  if (hit) understood.shape = hit.word;
  else {
    fallback = true;
    reason = raw
      ? `no known object kind in "${raw.slice(0, 60)}": a generic box stands in (known kinds include crate, barrel, table, chair, lamp, rock, tree, wall, tower, house, bridge, humanoid, hill, crater)`
      : 'empty prompt: a generic box stands in';
  }
  if (context.allowedKinds && !context.allowedKinds.includes(SHAPE_KIND[shape])) {
    const was = shape;
    shape = context.allowedKinds.includes('structure') && !context.allowedKinds.includes('prop') ? 'wall' : 'box';
    fallback = true;
    reason = `this world does not allow ${SHAPE_KIND[was]} assets (a ${was} was asked for): a generic ${shape} stands in`;
  }
  const entry = SHAPES[shape];

  // Materials: named ones first (at most 2 from the prompt), then the template's own.
  const materialHits = findAll(text, MATERIALS);
  const named: MaterialType[] = [];
  for (const h of materialHits) {
    // "a stone" names the rock shape, not only its material; "stone wall" names both.
    if (!named.includes(h.key) && named.length < 2) {
      named.push(h.key);
      understood.materials.push(h.word);
    }
  }
  const types: MaterialType[] = [...named];
  if (!types.length) types.push(entry.material);
  if (entry.secondary && !types.includes(entry.secondary) && types.length < 2) types.push(entry.secondary);

  const colourHits = findWords(text, Object.keys(COLOURS));
  understood.colours = colourHits.map((h) => h.word);
  const adjHits = findWords(text, Object.keys(ADJECTIVES));
  understood.adjectives = adjHits.map((h) => h.word);

  let roughnessOverride: number | undefined;
  let massFactor = 1;
  let body = entry.body;
  let restitution = shape === 'sphere' && types[0] === 'rubber' ? 0.7 : 0.1;
  let friction = 0.6;
  let breakable = types[0] === 'glass' || types[0] === 'ceramic';
  let throwable = entry.pickup;
  const styles: string[] = [];
  for (const h of adjHits) {
    const e = ADJECTIVES[h.key]!;
    if (e.roughness !== undefined) roughnessOverride = e.roughness;
    if (e.massFactor !== undefined) massFactor *= e.massFactor;
    if (e.body) body = e.body;
    if (e.restitution !== undefined) restitution = e.restitution;
    if (e.friction !== undefined) friction = e.friction;
    if (e.breakable) breakable = true;
    if (e.throwable) throwable = true;
    if (e.style && !styles.includes(e.style)) styles.push(e.style);
  }
  if (named.includes('rust') && !styles.includes('worn')) styles.push('worn');

  const materials: RecipeMaterial[] = types.map((type, i) => {
    const m = MATERIALS[type];
    const colour = i === 0 && colourHits[0] ? COLOURS[colourHits[0].key] : i === 1 && colourHits[1] ? COLOURS[colourHits[1].key] : undefined;
    return {
      type,
      color: colour ?? m.color,
      roughness: roughnessOverride !== undefined && i === 0 ? roughnessOverride : m.roughness,
      metalness: m.metalness,
    };
  });

  // Size: typical size × size words, then explicit dimensions ("2m tall", "30 cm wide") win.
  const size: [number, number, number] = [entry.size[0], entry.size[1], entry.size[2]];
  // Size words outside dimension phrases ("10m long" is a dimension, not the word "long").
  for (const h of findWords(text.replace(DIM_RE, ' '), Object.keys(SIZE_WORDS))) {
    const f = SIZE_WORDS[h.key]!;
    if (h.key === 'long') size[size[0] >= size[2] ? 0 : 2] *= 1.6;
    else {
      size[0] *= f[0];
      size[1] *= f[1];
      size[2] *= f[2];
    }
    understood.sizes.push(h.word);
  }
  for (const m of text.matchAll(DIM_RE)) {
    const metres = Number(m[1]) * (UNIT[m[2]!] ?? 1);
    if (!(metres > 0) || !Number.isFinite(metres)) continue;
    understood.dimensions.push(m[0].trim());
    const axis = m[3];
    if (axis === 'tall' || axis === 'high') size[1] = metres;
    else if (axis === 'wide') size[0] = metres;
    else if (axis === 'long') size[size[0] >= size[2] ? 0 : 2] = metres; // along the longer horizontal axis
    else if (axis === 'deep') size[2] = metres;
    else if (axis === 'across' || axis === 'in diameter') { const r = metres / Math.max(size[0], size[2]); size[0] *= r; size[2] *= r; }
    else { const r = metres / Math.max(...size); size[0] *= r; size[1] *= r; size[2] *= r; }
  }
  const scaleMeters = size.map((v) => round3(clampSize(v))) as [number, number, number];

  const volume = scaleMeters[0] * scaleMeters[1] * scaleMeters[2] * entry.fill;
  const massKg = round3(Math.min(RECIPE_LIMITS.massKg.max, Math.max(RECIPE_LIMITS.massKg.min, effectiveDensity(types[0]!) * volume * massFactor)));
  const heavy = massKg > 40;

  const styleParts = [...styles, context.style?.trim()].filter((s): s is string => !!s);
  const name = nameOf(raw, hit?.word ?? shape);
  const recipe = Recipe.parse({
    kind: SHAPE_KIND[shape],
    shape,
    name,
    scaleMeters,
    style: styleParts.join(', ').slice(0, 200),
    materials,
    // No massKg: the worker weighs the built mesh (density × volume × massScale); the placeholder has the estimate.
    physics: { body, collider: entry.collider, friction, restitution },
    interaction: { pickup: entry.pickup && !heavy && body === 'dynamic', pushable: body === 'dynamic', throwable: throwable && !heavy && body === 'dynamic', breakable },
    generationPlan: { meshStrategy: 'procedural', textureStrategy: 'procedural', lods: true, maxAttempts: 2, fallbackPolicy: 'procedural_only' },
    params: massFactor !== 1 ? { ...entry.params, massScale: round3(massFactor) } : { ...entry.params },
    seed: promptSeed(text),
  });
  return {
    recipe,
    placeholder: { sizeMeters: [...scaleMeters], color: materials[0]!.color!, collider: 'box', massKg },
    fallback,
    ...(reason ? { reason } : {}),
    understood,
  };
}

/** "a rusty old barrel!" → "Rusty old barrel"; empty → the shape's name. */
function nameOf(raw: string, fallbackName: string): string {
  const cleaned = raw.replace(/^\s*(a|an|the|some)\s+/i, '').replace(/[.!?]+$/, '').replace(/\s+/g, ' ').trim() || fallbackName;
  const cut = cleaned.length > 80 ? cleaned.slice(0, 80).replace(/\s+\S*$/, '') || cleaned.slice(0, 80) : cleaned;
  return cut.charAt(0).toUpperCase() + cut.slice(1);
}
