import { z } from 'zod';

/**
 * The generation recipe (seed §6 Step A): the strict JSON an LLM (or the offline composer) turns a
 * prompt into. Every later step — geometry, textures, LODs, collider, mass — is deterministic
 * relative to the recipe, so its canonical JSON (plus generator/model versions) is the asset's
 * content address. Plain data only: a Colyseus room can carry it as is.
 */

export const RECIPE_VERSION = 1;

export const RecipeKind = z.enum(['prop', 'structure', 'character', 'terrain_stamp']);
export type RecipeKind = z.infer<typeof RecipeKind>;

/** The parametric templates the procedural generator builds (worker/world/templates). */
export const RecipeShape = z.enum([
  // props
  'box', 'cylinder', 'sphere', 'crate', 'barrel', 'table', 'chair', 'lamp', 'rock', 'tree', 'bench', 'bottle', 'vase', 'cone',
  // structures
  'wall', 'tower', 'house', 'bridge', 'pillar', 'stairs', 'fence', 'arch',
  // characters
  'humanoid', 'robot',
  // terrain stamps
  'hill', 'crater', 'mound', 'plateau', 'ridge',
]);
export type RecipeShape = z.infer<typeof RecipeShape>;

export const MaterialType = z.enum([
  'wood', 'painted_wood', 'metal', 'painted_metal', 'rust', 'stone', 'brick', 'concrete', 'fabric', 'leather',
  'foliage', 'bark', 'plastic', 'rubber', 'glass', 'ceramic', 'gold', 'ground', 'sand', 'snow',
]);
export type MaterialType = z.infer<typeof MaterialType>;

export const BodyType = z.enum(['dynamic', 'static', 'kinematic']);
export const ColliderKind = z.enum(['box', 'convex_hull', 'trimesh']);
export type ColliderKind = z.infer<typeof ColliderKind>;
export const MeshStrategy = z.enum(['procedural', 'text_to_3d', 'image_to_3d']);
/** `procedural` = textures baked from noise in the worker (the embedded default). */
export const TextureStrategy = z.enum(['procedural', 'flat', 'generated_pbr', 'pbr_from_image']);
export const FallbackPolicy = z.enum(['downgrade', 'procedural_only', 'keep_placeholder']);
export type FallbackPolicy = z.infer<typeof FallbackPolicy>;

/** Hard bounds: values outside are clamped by `normalizeRecipe` (with a warning naming the field). */
export const RECIPE_LIMITS = {
  sizeMeters: { min: 0.05, max: 200 },
  massKg: { min: 0.01, max: 1_000_000 },
  maxAttempts: { min: 1, max: 5 },
  materials: { min: 1, max: 4 },
  params: 20,
} as const;

const finite = (what: string) => z.number({ error: `${what} must be a number` }).refine(Number.isFinite, `${what} must be a finite number`);
const unit = (what: string) => finite(what).min(0, `${what} must be between 0 and 1`).max(1, `${what} must be between 0 and 1`);
const size = finite('size').min(RECIPE_LIMITS.sizeMeters.min).max(RECIPE_LIMITS.sizeMeters.max);
const Hex = z.string().regex(/^#[0-9a-f]{6}$/i, 'colour must be #rrggbb');

export const RecipeMaterial = z.strictObject({
  type: MaterialType,
  color: Hex.optional().describe('Base colour #rrggbb; the material type has a default'),
  roughness: unit('roughness').default(0.7),
  metalness: unit('metalness').default(0),
});
export type RecipeMaterial = z.infer<typeof RecipeMaterial>;

export const RecipePhysics = z.strictObject({
  body: BodyType.default('dynamic'),
  massKg: finite('massKg').min(RECIPE_LIMITS.massKg.min).max(RECIPE_LIMITS.massKg.max).optional()
    .describe('Omitted: density × volume of the generated mesh'),
  collider: ColliderKind.default('box'),
  friction: unit('friction').default(0.6),
  restitution: unit('restitution').default(0.1),
});

export const RecipeInteraction = z.strictObject({
  pickup: z.boolean().default(false),
  pushable: z.boolean().default(true),
  throwable: z.boolean().default(false),
  breakable: z.boolean().default(false),
});

export const GenerationPlan = z.strictObject({
  meshStrategy: MeshStrategy.default('procedural'),
  textureStrategy: TextureStrategy.default('procedural'),
  lods: z.boolean().default(true),
  maxAttempts: z.number().int().min(RECIPE_LIMITS.maxAttempts.min).max(RECIPE_LIMITS.maxAttempts.max).default(2),
  fallbackPolicy: FallbackPolicy.default('procedural_only'),
});

/** Up to 20 named numeric generation parameters (inspector controls); templates read them with defaults. */
export const RecipeParams = z
  .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,31}$/, 'parameter names are identifiers'), finite('parameter'))
  .refine((p) => Object.keys(p).length <= RECIPE_LIMITS.params, `at most ${RECIPE_LIMITS.params} generation parameters`);

export const Recipe = z.strictObject({
  version: z.literal(RECIPE_VERSION).default(RECIPE_VERSION),
  kind: RecipeKind,
  shape: RecipeShape.describe('The parametric template that builds it'),
  name: z.string().trim().min(1, 'name is empty').max(80),
  scaleMeters: z.tuple([size, size, size]).describe('Bounding box [width x, height y, depth z] in metres'),
  style: z.string().trim().max(200).default(''),
  materials: z.array(RecipeMaterial).min(RECIPE_LIMITS.materials.min, 'at least one material').max(RECIPE_LIMITS.materials.max),
  physics: RecipePhysics,
  interaction: RecipeInteraction.default({ pickup: false, pushable: true, throwable: false, breakable: false }),
  generationPlan: GenerationPlan.default({ meshStrategy: 'procedural', textureStrategy: 'procedural', lods: true, maxAttempts: 2, fallbackPolicy: 'procedural_only' }),
  params: RecipeParams.default({}),
  seed: z.number().int().min(0).max(0xffffffff).default(0).describe('Seed of every random choice in generation'),
  negativePrompt: z.string().max(400).optional(),
});
export type Recipe = z.infer<typeof Recipe>;
export type RecipeInput = z.input<typeof Recipe>;

/** Which kind each shape belongs to; a recipe whose kind and shape disagree is refused. */
export const SHAPE_KIND: Record<RecipeShape, RecipeKind> = {
  box: 'prop', cylinder: 'prop', sphere: 'prop', crate: 'prop', barrel: 'prop', table: 'prop', chair: 'prop', lamp: 'prop',
  rock: 'prop', tree: 'prop', bench: 'prop', bottle: 'prop', vase: 'prop', cone: 'prop',
  wall: 'structure', tower: 'structure', house: 'structure', bridge: 'structure', pillar: 'structure', stairs: 'structure',
  fence: 'structure', arch: 'structure',
  humanoid: 'character', robot: 'character',
  hill: 'terrain_stamp', crater: 'terrain_stamp', mound: 'terrain_stamp', plateau: 'terrain_stamp', ridge: 'terrain_stamp',
};

export type RecipeResult =
  | { ok: true; recipe: Recipe; warnings: string[] }
  | { ok: false; error: string; field: string; warnings: string[] };

const clampField = (obj: Record<string, unknown>, key: string, lo: number, hi: number, path: string, warnings: string[]) => {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) return; // refused by the schema, naming the field
  if (v < lo || v > hi) {
    const c = Math.min(hi, Math.max(lo, v));
    warnings.push(`${path} ${v} clamped to ${c}`);
    obj[key] = c;
  }
};

/**
 * The clamping half of normalizeRecipe: a copy of the input with out-of-range numbers clamped
 * (each clamp noted in `warnings`); structure is left for the schema to judge. Non-objects pass through.
 */
export function clampRecipeInput(input: unknown, warnings: string[]): Record<string, unknown> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input as Record<string, unknown>;
  const r = structuredClone(input) as Record<string, unknown>;
  const sm = r.scaleMeters;
  if (Array.isArray(sm)) sm.forEach((_, i) => clampField(sm as unknown as Record<string, unknown>, String(i), RECIPE_LIMITS.sizeMeters.min, RECIPE_LIMITS.sizeMeters.max, `scaleMeters[${i}]`, warnings));
  if (r.physics && typeof r.physics === 'object') {
    const p = r.physics as Record<string, unknown>;
    clampField(p, 'massKg', RECIPE_LIMITS.massKg.min, RECIPE_LIMITS.massKg.max, 'physics.massKg', warnings);
    clampField(p, 'friction', 0, 1, 'physics.friction', warnings);
    clampField(p, 'restitution', 0, 1, 'physics.restitution', warnings);
  }
  if (Array.isArray(r.materials)) {
    if (r.materials.length > RECIPE_LIMITS.materials.max) {
      warnings.push(`materials: kept the first ${RECIPE_LIMITS.materials.max} of ${r.materials.length}`);
      r.materials = r.materials.slice(0, RECIPE_LIMITS.materials.max);
    }
    (r.materials as unknown[]).forEach((m, i) => {
      if (!m || typeof m !== 'object') return;
      clampField(m as Record<string, unknown>, 'roughness', 0, 1, `materials[${i}].roughness`, warnings);
      clampField(m as Record<string, unknown>, 'metalness', 0, 1, `materials[${i}].metalness`, warnings);
    });
  }
  if (r.generationPlan && typeof r.generationPlan === 'object') {
    const g = r.generationPlan as Record<string, unknown>;
    clampField(g, 'maxAttempts', RECIPE_LIMITS.maxAttempts.min, RECIPE_LIMITS.maxAttempts.max, 'generationPlan.maxAttempts', warnings);
    if (typeof g.maxAttempts === 'number') g.maxAttempts = Math.round(g.maxAttempts);
  }
  if (typeof r.seed === 'number' && Number.isFinite(r.seed)) r.seed = Math.abs(Math.trunc(r.seed)) >>> 0;
  if (typeof r.name === 'string' && r.name.trim().length > 80) {
    warnings.push('name cut to 80 characters');
    r.name = r.name.trim().slice(0, 80);
  }
  if (typeof r.style === 'string' && r.style.length > 200) {
    warnings.push('style cut to 200 characters');
    r.style = r.style.slice(0, 200);
  }
  return r;
}

/**
 * Parse untrusted recipe JSON (an LLM reply, an API body, a stored row). Out-of-range numbers are
 * clamped with a warning naming the field; missing, non-finite or unknown values are refused with
 * the field named (`field` is the dotted path, e.g. `scaleMeters.1`). A kind that contradicts the
 * shape is taken from the shape (warning), since the shape decides what gets built.
 */
export function normalizeRecipe(input: unknown): RecipeResult {
  const warnings: string[] = [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { ok: false, error: 'recipe must be a JSON object', field: '(root)', warnings };
  const r = clampRecipeInput(input, warnings);

  const parsed = Recipe.safeParse(r);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    return { ok: false, error: `recipe.${field}: ${issue.message}`, field, warnings };
  }
  const recipe = parsed.data;
  const shapeKind = SHAPE_KIND[recipe.shape];
  if (recipe.kind !== shapeKind) {
    warnings.push(`kind '${recipe.kind}' does not fit shape '${recipe.shape}': kind set to '${shapeKind}'`);
    recipe.kind = shapeKind;
  }
  return { ok: true, recipe, warnings };
}
