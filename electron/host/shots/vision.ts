import { jobKindSpec } from '../../../shared/jobs/registry.js';
import type { IngredientMetadata, IngredientType } from '../../../shared/schemas/shots.js';
import { selectLlmModel } from '../providers/provider-status.js';
import type { ShotsDeps } from './deps.js';

/** The job kind that writes a vision caption into an ingredient's metadata. */
export const CAPTION_KIND = 'shots.caption';
const PROBE_MS = 4000;

/**
 * Whether a caption can be made: a registered caption job and a vision-capable model the worker
 * would select now. Without one the ingredient says so and gets no caption (none is invented).
 */
export async function visionFor(deps: ShotsDeps, ingredient: { id: string; type: IngredientType; imagePath: string; mime: 'image/png' | 'image/jpeg' | 'image/webp' }): Promise<IngredientMetadata['vision']> {
  let picked: { provider: string; model: string } | null = null;
  const notes: string[] = [];
  try {
    const eff = await deps.providers.settings.effective();
    const choice = eff.choice.vision.value;
    picked = await selectLlmModel('vision', eff.config, choice, AbortSignal.timeout(PROBE_MS), (l) => notes.push(l));
  } catch (err) {
    notes.push((err as Error).message);
  }
  if (!picked) {
    const why = notes.length ? ` (${notes.slice(-2).join('; ')})` : '';
    return {
      status: 'not_configured',
      reason: `No vision-capable provider is configured${why}, so no caption was made: only measured facts (size, palette) are stored. Pull a vision model in Ollama (e.g. llava) or add a BYOK vision provider in Settings → Providers.`,
      jobId: null,
    };
  }
  if (!jobKindSpec(CAPTION_KIND)) {
    return { status: 'not_configured', reason: `${picked.provider} (${picked.model}) can see images, but this build has no ${CAPTION_KIND} job to caption references; no caption was made.`, jobId: null };
  }
  const { job } = deps.jobs.submit({ kind: CAPTION_KIND, input: { ingredientId: ingredient.id, type: ingredient.type, image: { path: ingredient.imagePath, mime: ingredient.mime } }, userId: deps.ownerUserId, priority: 0 });
  return { status: 'pending', reason: `Captioning with ${picked.provider} (${picked.model})`, jobId: job.id };
}
