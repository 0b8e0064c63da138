import { ShotsCaptionOutput, shotsCaption } from '../../../shared/jobs/shots-caption.js';
import type { CoreContext } from '../host-context.js';
import type { JobRow } from '../jobs/job-row.js';
import { shotsServices } from './services.js';

const ingredientOf = (job: JobRow): string | null => {
  const input = job.input as { ingredientId?: unknown } | null;
  return typeof input?.ingredientId === 'string' ? input.ingredientId : null;
};

/** shots.caption results into the ingredient's metadata: the caption and tags with who wrote them, or why there are none. */
export function registerShotsCaptionHooks(core: CoreContext): void {
  core.hooks.register(shotsCaption.kind, {
    onSucceeded(job, result) {
      const out = ShotsCaptionOutput.parse(result);
      shotsServices(core).ingredients.setVision(out.ingredientId, { status: 'done', reason: null, jobId: job.id }, { caption: out.caption, tags: out.tags, provider: out.provider, model: out.model });
      return undefined;
    },
    onFailed(job, error) {
      const id = ingredientOf(job);
      if (id) shotsServices(core).ingredients.setVision(id, { status: 'failed', reason: `No caption: ${error}`, jobId: job.id });
    },
  });
}
