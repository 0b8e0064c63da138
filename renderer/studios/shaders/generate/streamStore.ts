import { create } from 'zustand';
import type { GenerationStream } from '../../../../shared/routes/shader-discovery.js';

const MAX_JOBS = 20;

interface StreamState {
  /** jobId → channel ("attempt-1" …) → text received so far. */
  streams: Record<string, Record<string, string>>;
  /** Jobs where a chunk arrived past a gap (missed events): the view fetches the host's copy. */
  gaps: Record<string, true>;
  /** A live job.stream chunk: appended when it continues the text, flagged as a gap when it does not. */
  append(jobId: string, channel: string, offset: number, text: string): void;
  /** The host's copy (GET /generate/stream/:job_id): wins where it holds more. */
  merge(snapshot: GenerationStream): void;
}

function trim(streams: StreamState['streams']): StreamState['streams'] {
  const ids = Object.keys(streams);
  for (const id of ids.slice(0, Math.max(0, ids.length - MAX_JOBS))) delete streams[id];
  return streams;
}

/** Live LLM text of generation jobs, fed by job.stream events (renderer/app/LiveUpdates.tsx). */
export const useGenerationStreams = create<StreamState>()((set) => ({
  streams: {},
  gaps: {},
  append: (jobId, channel, offset, text) =>
    set((s) => {
      const have = s.streams[jobId]?.[channel] ?? '';
      if (offset > have.length) return { gaps: { ...s.gaps, [jobId]: true } };
      if (offset + text.length <= have.length) return {};
      const next = have + text.slice(have.length - offset);
      return { streams: trim({ ...s.streams, [jobId]: { ...s.streams[jobId], [channel]: next } }) };
    }),
  merge: (snap) =>
    set((s) => {
      const mine = { ...s.streams[snap.jobId] };
      for (const c of snap.channels) if (c.text.length > (mine[c.channel]?.length ?? 0)) mine[c.channel] = c.text;
      const { [snap.jobId]: _gone, ...gaps } = s.gaps;
      return { streams: trim({ ...s.streams, [snap.jobId]: mine }), gaps };
    }),
}));
