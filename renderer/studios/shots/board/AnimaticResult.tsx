import { z } from 'zod';
import { useAuthedMedia } from '../../../api/authed-media.js';
import { useWatchedJob } from '../ui/JobProgress.js';

/** The animatic job's output names the MP4 in the media store; anything else shows nothing. */
const AnimaticOutput = z.looseObject({ mediaId: z.string().min(1) });

export function AnimaticResult({ jobId }: { jobId: string }) {
  const job = useWatchedJob(jobId).data;
  const out = job?.status === 'succeeded' || job?.status === 'completed_with_problems' ? AnimaticOutput.safeParse(job.result) : null;
  const mediaId = out?.success ? out.data.mediaId : null;
  const media = useAuthedMedia(mediaId ? `/media/${mediaId}/file` : null);
  if (!mediaId) return null;
  if (media.error) return <p className="shots-error">Animatic not loaded: {media.error}</p>;
  return media.url ? <video className="shots-animatic" src={media.url} controls data-testid="shots-animatic" /> : null;
}
