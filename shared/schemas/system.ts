import { z } from 'zod';
import { ResourceClass } from './jobs.js';

export const WorkerClassState = z.object({
  resource: ResourceClass,
  capacity: z.number().int(),
  busy: z.number().int(),
  processes: z.number().int().describe('Live child processes kept warm for this class'),
});
/** The host machine's NVIDIA GPU as nvidia-smi reports it (MiB). */
export const GpuState = z.object({
  name: z.string(),
  memoryFreeMiB: z.number().int(),
  memoryTotalMiB: z.number().int(),
});
export type GpuState = z.infer<typeof GpuState>;

export const WorkerPoolState = z.object({
  classes: z.array(WorkerClassState),
  runnerId: z.string(),
  gpu: GpuState.nullable().optional().describe('First NVIDIA GPU (nvidia-smi), null when none was found'),
});
export type WorkerPoolState = z.infer<typeof WorkerPoolState>;

export const Health = z.object({
  ok: z.boolean(),
  version: z.string(),
  sqlite: z.object({ version: z.string(), vec: z.string().nullable() }),
  workers: WorkerPoolState,
});
export type Health = z.infer<typeof Health>;

export const ProbeStatus = z.enum(['ok', 'warn', 'error', 'missing']);
export type ProbeStatus = z.infer<typeof ProbeStatus>;

/** One line of `auteur doctor` and one step of the system.diagnose job. */
export const ProbeResult = z.object({
  id: z.string(),
  label: z.string(),
  status: ProbeStatus,
  version: z.string().nullable(),
  detail: z.string().describe('What was found, or what is missing and how to fix it'),
  source: z.string().nullable().describe('Where the value came from: env, settings, bundled, system'),
  durationMs: z.number(),
});
export type ProbeResult = z.infer<typeof ProbeResult>;

export const SystemInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  dbPath: z.string(),
  mediaDir: z.string(),
  logsDir: z.string(),
  url: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
  versions: z.object({
    node: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
    platform: z.string(),
    arch: z.string(),
  }),
  sqlite: z.object({ version: z.string(), vec: z.string().nullable(), journalMode: z.string(), schemaVersion: z.string().nullable() }),
  workers: WorkerPoolState,
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const MediaObject = z.object({
  id: z.string(),
  sha256: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
  originalName: z.string().nullable(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  jobId: z.string().nullable(),
  createdAt: z.string(),
});
export type MediaObject = z.infer<typeof MediaObject>;
export const MediaList = z.object({ media: z.array(MediaObject) });
