import { create } from 'zustand';

export interface JobLogLine {
  at: number;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

const MAX_LINES = 200;
const MAX_JOBS = 50;

interface JobLogState {
  /** Live `job.log` lines since this tab connected; the host does not replay them. */
  logs: Record<string, JobLogLine[]>;
  append(jobId: string, line: JobLogLine): void;
}

export const useJobLogStore = create<JobLogState>()((set) => ({
  logs: {},
  append: (jobId, line) =>
    set((state) => {
      const lines = [...(state.logs[jobId] ?? []), line].slice(-MAX_LINES);
      const logs = { ...state.logs, [jobId]: lines };
      const ids = Object.keys(logs);
      // Insertion order approximates age; drop the oldest jobs' logs first.
      for (const id of ids.slice(0, Math.max(0, ids.length - MAX_JOBS))) delete logs[id];
      return { logs };
    }),
}));
