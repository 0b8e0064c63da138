import type { JobStatus } from '../../shared/schemas/jobs.js';

export interface JobFilter {
  status?: JobStatus;
  kind?: string;
  limit?: number;
  /** A later page (GET /jobs nextCursor); only the first page takes live inserts. */
  cursor?: string;
}

/** Query keys in one place so live events and mutations update the same cache entries. */
export const queryKeys = {
  system: ['system'] as const,
  doctor: ['doctor'] as const,
  jobs: {
    all: ['jobs'] as const,
    lists: ['jobs', 'list'] as const,
    list: (filter: JobFilter) => ['jobs', 'list', filter] as const,
    counts: ['jobs', 'counts'] as const,
    detail: (id: string) => ['jobs', 'detail', id] as const,
  },
  media: {
    all: ['media'] as const,
    list: (limit: number) => ['media', 'list', limit] as const,
  },
};
