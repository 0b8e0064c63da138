import { VideoNormalizeInput, VideoNormalizeOutput, videoNormalize } from '../../../../shared/jobs/video-normalize.js';
import type { Video } from '../../../../shared/schemas/video.js';
import { ingestRef } from '../../media/media-hooks.js';
import type { VideoDeps } from '../deps.js';
import { liveloopService } from './services.js';

/**
 * LiveLoop's part of the core: the video.normalize hooks (segments into the media store, then
 * the item goes on air; a failure is shown on the item), and the library events: "Add to
 * LiveLoop" switched on adds the video to the default channel, switched off takes it out, and
 * a deleted video goes off air at the end of the segment on air.
 */
export function registerLiveLoop(core: VideoDeps): void {
  const svc = () => liveloopService(core);
  core.hooks.register(videoNormalize.kind, {
    async onSucceeded(job, result) {
      const out = VideoNormalizeOutput.parse(result);
      const segments = [];
      for (const [i, s] of out.segments.entries()) segments.push({ ...s, ref: await ingestRef(core, job, s.ref, { role: 'liveloop-segment', index: i, videoId: out.videoId }) });
      const stored = { ...out, segments, playlist: await ingestRef(core, job, out.playlist, { role: 'liveloop-playlist', videoId: out.videoId }) };
      svc().normalized(stored);
      return stored;
    },
    onFailed(job, error) {
      const input = VideoNormalizeInput.safeParse(job.input);
      if (input.success) svc().normalizeFailed(input.data.channelId, input.data.itemKey, job.status === 'cancelled' ? 'cancelled' : error);
    },
  });

  const flags = new Map<string, boolean>();
  const adding = new Set<string>();
  core.bus.subscribe((e) => {
    if (e.type !== 'domain') return;
    if (e.topic === 'video.deleted' && e.id) {
      flags.delete(e.id);
      try {
        svc().videoDeleted(e.id);
      } catch (err) {
        core.logger.warn(`liveloop: could not take deleted video ${e.id} off air: ${(err as Error).message}`);
      }
      return;
    }
    if (e.topic !== 'video.changed' || !e.id) return;
    const v = e.data as Pick<Video, 'id' | 'addToLiveLoop' | 'inLibrary'> | null;
    if (!v || typeof v.addToLiveLoop !== 'boolean') return;
    const was = flags.get(v.id);
    flags.set(v.id, v.addToLiveLoop);
    if (v.addToLiveLoop && v.inLibrary && was !== true && !adding.has(v.id)) {
      adding.add(v.id);
      svc()
        .addVideo(v.id)
        .catch((err: Error) => core.logger.warn(`liveloop: Add to LiveLoop of video ${v.id} failed: ${err.message}`))
        .finally(() => adding.delete(v.id));
    } else if (!v.addToLiveLoop && was === true) {
      try {
        svc().removeVideoFromDefault(v.id);
      } catch (err) {
        core.logger.warn(`liveloop: could not take video ${v.id} out of the default channel: ${(err as Error).message}`);
      }
    }
  });
}
