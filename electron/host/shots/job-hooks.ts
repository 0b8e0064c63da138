import { ShotsAnimaticOutput, shotsAnimatic } from '../../../shared/jobs/shots-animatic.js';
import { ShotsBreakdownOutput, shotsBreakdown } from '../../../shared/jobs/shots-breakdown.js';
import { ShotsPayloadOutput, shotsPayload } from '../../../shared/jobs/shots-payload.js';
import type { CoreContext } from '../host-context.js';
import type { JobRow } from '../jobs/job-row.js';
import { ingestRef } from '../media/media-hooks.js';
import type { ShotsDeps } from './deps.js';
import { shotsServices } from './services.js';

type Core = ShotsDeps & Pick<CoreContext, 'hooks' | 'media' | 'dataDir'>;

function shotIdOf(job: JobRow): string | null {
  const input = job.input as { shotId?: unknown } | null;
  return typeof input?.shotId === 'string' ? input.shotId : null;
}

/**
 * The pipeline's results into the Shots tables, through the studio's services:
 * - shots.breakdown: the scene's shots from an earlier breakdown (LLM or heuristic) are replaced
 *   (soft-deleted, so restorable); shots a person made stay. Each new shot records its source.
 * - shots.payload: the Veo request, who wrote it and the LLM context go on the shot, which is
 *   ready; a failed generation puts the shot back to draft with the reason, still editable.
 * - shots.animatic: the MP4 moves into the media store with its provenance (ffmpeg, TTS voice,
 *   scene, job); the job's result carries its media id.
 */
export function registerShotsJobHooks(core: Core): void {
  core.hooks.register(shotsBreakdown.kind, {
    onSucceeded(_job, result) {
      const out = ShotsBreakdownOutput.parse(result);
      const s = shotsServices(core);
      const earlier = s.reader.liveShots([out.sceneId]).filter((r) => r.source !== 'manual');
      for (const old of earlier) s.shots.delete(old.id);
      s.shots.createMany(
        out.sceneId,
        out.shots.map((shot) => ({ ...shot, source: out.source === 'llm' ? ('llm' as const) : ('heuristic' as const) })),
      );
      return undefined;
    },
  });

  core.hooks.register(shotsPayload.kind, {
    onSucceeded(job, result) {
      const out = ShotsPayloadOutput.parse(result);
      shotsServices(core).shots.setPayloadState(out.shotId, {
        status: 'ready',
        veoJsonPayload: out.payload as Record<string, unknown>,
        payloadSource: out.source,
        llmContextCache: out.context,
        lastError: null,
        payloadJobId: job.id,
      });
      return undefined;
    },
    onFailed(job, error) {
      const shotId = shotIdOf(job);
      if (!shotId) return;
      try {
        shotsServices(core).shots.setPayloadState(shotId, { status: 'draft', lastError: error });
      } catch (err) {
        // The shot may have been deleted while its payload was being written.
        core.logger.warn(`shots.payload ${job.id}: could not record the failure on shot ${shotId}: ${(err as Error).message}`);
      }
    },
  });

  core.hooks.register(shotsAnimatic.kind, {
    async onSucceeded(job, result) {
      const out = ShotsAnimaticOutput.parse(result);
      const mp4 = await ingestRef(core, job, out.mp4, { role: 'animatic', sceneId: out.sceneId, durationSec: out.durationSec, tts: out.tts, shots: out.shots.length });
      return { ...out, mp4 } satisfies ShotsAnimaticOutput;
    },
  });
}
