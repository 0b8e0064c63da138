import type { WorldGenerateInputParsed, WorldGenerateOutput } from '../../shared/jobs/world-generate.js';
import { composeRecipe, promptSeed } from '../../shared/world/compose-recipe.js';
import { normalizeRecipe, type Recipe } from '../../shared/world/recipe.js';
import { selectLlm } from '../providers/llm/select.js';
import { ProviderError } from '../providers/types.js';
import type { TaskContext } from '../task-context.js';
import { llmRecipe } from './recipe-llm.js';

/** Bump when the composer's reading of prompts changes (recorded in the provider trace). */
export const COMPOSER_VERSION = 'compose-recipe-1';

export interface ChosenRecipe {
  recipe: Recipe;
  trace: WorldGenerateOutput['providerTrace'];
  warnings: string[];
  /** Why the composer stood in for the LLM, or fell back to a generic shape; null when neither. */
  fallbackReason: string | null;
}

/**
 * Seed §6 Step A for world.generate: the input's recipe (an inspector edit; refused naming the
 * field), an LLM with the world context (explicit provider: its failure fails the job; 'auto': no
 * usable LLM or no valid answer → the offline composer, saying why), or the composer when asked
 * for ('procedural', or Settings chose the embedded default).
 */
export async function chooseRecipe(input: WorldGenerateInputParsed, ctx: TaskContext): Promise<ChosenRecipe> {
  const seed = input.seed ?? promptSeed(input.prompt.normalize('NFKC').trim().toLowerCase());
  const negative = input.negativePrompt ? { negativePrompt: input.negativePrompt.slice(0, 400) } : {};
  const offline = (why: string | null): ChosenRecipe => {
    const c = composeRecipe(input.prompt, input.world);
    const fallbackReason = c.fallback ? [why, c.reason].filter(Boolean).join('; ') : why;
    return { recipe: { ...c.recipe, seed, ...negative }, trace: [{ step: 'recipe', provider: 'procedural', model: 'compose-recipe', version: COMPOSER_VERSION }], warnings: [], fallbackReason };
  };

  if (input.recipe) {
    const checked = normalizeRecipe(input.seed !== undefined ? { ...input.recipe, seed: input.seed } : input.recipe);
    if (!checked.ok) throw new Error(`The recipe is refused: ${checked.error}`);
    return { recipe: checked.recipe, trace: [{ step: 'recipe', provider: 'input', model: null, version: null }], warnings: checked.warnings, fallbackReason: null };
  }
  if (!input.prompt) throw new Error('Nothing to generate: give a prompt or a recipe');
  if (input.provider === 'procedural') {
    ctx.log('info', 'Recipe: the offline composer, as requested');
    return offline(null);
  }
  const skipped: string[] = [];
  const client = await selectLlm(ctx.providers, {
    capability: 'llm',
    choice: input.provider === 'auto' ? undefined : input.provider,
    signal: ctx.signal,
    client: { log: ctx.log },
    log: (level, message) => {
      ctx.log(level, message);
      skipped.push(message);
    },
  });
  if (!client) {
    // Settings chose an embedded default for text: that is the plan, not a fallback.
    const settingsChoseEmbedded = ctx.providers.choice.llm && ctx.providers.choice.llm !== 'auto';
    return offline(settingsChoseEmbedded ? null : `no LLM is usable (${skipped.at(-1) ?? 'none configured'}): the offline composer wrote the recipe`);
  }
  ctx.progress(0.1, `Asking ${client.label} (${client.model}) for a recipe`);
  try {
    const res = await llmRecipe(client, input.prompt, { ...input.world, assetType: input.assetType }, seed, ctx.signal);
    const warnings = [...res.warnings];
    if (res.attempts > 1) warnings.push(`the recipe needed ${res.attempts - 1} repair${res.attempts > 2 ? 's' : ''} from ${res.provider} (${res.model})`);
    return { recipe: { ...negative, ...res.recipe }, trace: [{ step: 'recipe', provider: res.provider, model: res.model, version: null }], warnings, fallbackReason: null };
  } catch (err) {
    if (ctx.signal.aborted || input.provider !== 'auto' || !(err instanceof ProviderError)) throw err;
    ctx.log('warn', `The LLM recipe failed (${err.message}); the offline composer is used instead`);
    return offline(`${client.label} (${client.model}) gave no valid recipe: ${err.message}`);
  }
}
