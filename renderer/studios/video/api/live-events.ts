import type { QueryClient } from '@tanstack/react-query';
import type { Job } from '../../../../shared/schemas/jobs.js';
import { videoKeys } from './keys.js';

/** The video pipeline's job kinds (video.script, video.render, video.entities, video.add_language). */
const isVideoJob = (job: Pick<Job, 'kind'>): boolean => job.kind.startsWith('video.');

/** Domain events about videos (video.*) refresh the studio's entries. */
export function handleVideoEvent(qc: QueryClient, topic: string, id: string | null): void {
  if (!topic.startsWith('video.')) return;
  if (id) void qc.invalidateQueries({ queryKey: videoKeys.detail(id) });
  void qc.invalidateQueries({ queryKey: videoKeys.lists });
}

/**
 * A video job moved: the host folds its progress and results into the Video row, so the open
 * video is read again (the row names its running job; any video job may be it).
 */
export function handleVideoJob(qc: QueryClient, job: Pick<Job, 'kind' | 'status'>): void {
  if (!isVideoJob(job)) return;
  void qc.invalidateQueries({ queryKey: ['video', 'detail'] });
  if (job.status !== 'running' && job.status !== 'queued') void qc.invalidateQueries({ queryKey: videoKeys.lists });
}
