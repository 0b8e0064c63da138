import { z } from 'zod';
import { composeRecipe, type WorldContext } from '../../shared/world/compose-recipe.js';
import { clampRecipeInput, MaterialType, normalizeRecipe, Recipe, RecipeShape, SHAPE_KIND, type RecipeKind } from '../../shared/world/recipe.js';
import type { LlmClient } from '../providers/llm/types.js';

/**
 * Seed §6 Step A with an LLM: prompt + world context → the strict recipe, validated with zod
 * (out-of-range numbers clamped first, refusals naming the field sent back for repair, up to two
 * repairs). The offline composer's reading of the prompt is given as a draft to improve, so a
 * small local model has the vocabulary and sane sizes in front of it.
 */

export interface LlmRecipeResult {
  recipe: Recipe;
  provider: string;
  model: string;
  attempts: number;
  warnings: string[];
}

export interface WorldPromptContext extends WorldContext {
  scaleUnit?: string;
  maxTriangles?: number;
  assetType?: RecipeKind;
}

function systemPrompt(ctx: WorldPromptContext): string {
  const shapes = RecipeShape.options.map((s) => `${s} (${SHAPE_KIND[s]})`).join(', ');
  return [
    'You turn a player\'s prompt into a generation recipe for a 3D sandbox game. The recipe drives procedural templates, so pick the closest template shape.',
    `shape: one of ${shapes}. kind must be the kind in brackets after the shape.`,
    `materials: 1–4 of ${MaterialType.options.join(', ')}; the first is the main material, the second (if any) is used for trim, legs, hoops, trunk, roof or clothing details. color is #rrggbb.`,
    'scaleMeters: the bounding box [width x, height y, depth z] in metres, realistic for the object (a chair is about [0.5, 0.95, 0.5], a house about [6, 5, 5]).',
    'physics: body dynamic for movable things, static for buildings, terrain and trees; collider box for boxy things, convex_hull for round props, trimesh for buildings with openings and terrain; omit massKg unless the prompt states a weight.',
    'params: up to 20 numeric template parameters; keep the draft\'s names (e.g. slats, hoops, legs, floors, windows, steps) and change values only when the prompt asks.',
    'generationPlan: meshStrategy procedural, textureStrategy procedural, lods true.',
    ctx.style ? `World style guide: ${ctx.style} (put it in style).` : '',
    ctx.scaleUnit && ctx.scaleUnit !== 'm' ? `The world's unit is ${ctx.scaleUnit}, but scaleMeters is always metres.` : '',
    ctx.allowedKinds?.length ? `Allowed kinds in this world: ${ctx.allowedKinds.join(', ')}. Never use another kind.` : '',
    ctx.assetType ? `The player asked for a ${ctx.assetType}.` : '',
    ctx.maxTriangles ? `Performance budget: at most ${ctx.maxTriangles} triangles per asset.` : '',
  ].filter(Boolean).join('\n');
}

export async function llmRecipe(client: LlmClient, prompt: string, ctx: WorldPromptContext, seed: number, signal?: AbortSignal): Promise<LlmRecipeResult> {
  const draft = composeRecipe(prompt, ctx).recipe;
  let clampWarnings: string[] = []; // of the answer validated last (the accepted one)
  // Clamp before the strict schema: an absurd size is corrected (and reported), a missing or
  // unknown field is refused with its path and goes back to the model.
  const schema = z.preprocess((v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      clampWarnings = [];
      return clampRecipeInput({ ...(v as Record<string, unknown>), seed }, clampWarnings);
    }
    return v;
  }, Recipe.refine((r) => !ctx.allowedKinds?.length || ctx.allowedKinds.includes(SHAPE_KIND[r.shape]), { message: `this world allows only ${ctx.allowedKinds?.join(', ')} shapes`, path: ['shape'] }));
  const { seed: _s, ...draftForModel } = draft;
  const res = await client.json(schema, {
    name: 'world_recipe',
    system: systemPrompt(ctx),
    messages: [{ role: 'user', content: `Prompt: ${prompt}\n\nDraft recipe from the offline parser (improve it; keep it valid):\n${JSON.stringify(draftForModel)}` }],
    temperature: 0.2,
    maxRepairs: 2,
    signal,
  });
  const checked = normalizeRecipe({ ...res.value, seed });
  if (!checked.ok) throw new Error(checked.error); // the schema already passed; kept for the type
  return { recipe: checked.recipe, provider: res.provider, model: res.model, attempts: res.attempts, warnings: [...new Set([...clampWarnings, ...checked.warnings])] };
}
