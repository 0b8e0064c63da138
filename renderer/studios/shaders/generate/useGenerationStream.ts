import { useEffect } from 'react';
import { api } from '../../../api/client.js';
import { useGenerationStreams } from './streamStore.js';

const EMPTY: Record<string, string> = {};

/**
 * The LLM text of a generation job, live: job.stream events append to the store; the host's copy
 * is fetched when the view opens (it may have joined late) and whenever a chunk was missed.
 */
export function useGenerationStream(jobId: string | null, active: boolean): Array<{ channel: string; text: string }> {
  const channels = useGenerationStreams((s) => (jobId ? (s.streams[jobId] ?? EMPTY) : EMPTY));
  const gap = useGenerationStreams((s) => (jobId ? !!s.gaps[jobId] : false));
  useEffect(() => {
    if (!jobId) return undefined;
    const ctrl = new AbortController();
    api
      .call('generate.stream', { params: { job_id: jobId }, signal: ctrl.signal })
      .then((snap) => useGenerationStreams.getState().merge(snap))
      .catch(() => undefined); // The live events still arrive; the catch-up is best effort.
    return () => ctrl.abort();
    // `active` flips when the job ends: one more fetch picks up the last chunks.
  }, [jobId, gap, active]);
  return Object.entries(channels)
    .map(([channel, text]) => ({ channel, text }))
    .sort((a, b) => a.channel.localeCompare(b.channel, undefined, { numeric: true }));
}
