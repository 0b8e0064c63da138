import { z } from 'zod';
import { ApiError, Id } from '../schemas/common.js';
import { CreateJobRequest, Job, JobCounts, JobList, JobListQuery } from '../schemas/jobs.js';
import { Health, MediaList, ProbeResult, SystemInfo } from '../schemas/system.js';
import { ConfigurationRow, DoctorProviderRow } from '../schemas/provider-status.js';
import type { HttpMethod, RouteSpec } from './route-spec.js';

export const IdParams = z.object({ id: Id });
const NotImplementedBody = ApiError;

function notImplemented(method: HttpMethod, path: string, summary: string): RouteSpec {
  const params = path.includes(':id') ? { params: IdParams } : {};
  return { method, path, summary, tag: 'creator-economy', auth: 'token', ...params, response: NotImplementedBody, status: 501 };
}

export const CORE_ROUTES = {
  'health.get': { method: 'get', path: '/health', summary: 'Liveness, versions and worker pool state', tag: 'system', auth: 'none', response: Health },
  'system.get': { method: 'get', path: '/system', summary: 'Data dir, versions, SQLite and worker pool details for Settings → System', tag: 'system', auth: 'token', response: SystemInfo },
  'system.doctor': {
    method: 'get', path: '/system/doctor', summary: 'The probe and provider tables of `auteur doctor` (one function for both): sandbox, data dir modes, a real frame against the render budget (kept 10 min; fresh=true measures again), the provider and model in use per capability', tag: 'system', auth: 'token',
    query: z.object({ fresh: z.enum(['true', 'false']).optional().describe('Measure the render budget now') }), response: z.object({ probes: z.array(ProbeResult), providers: z.array(DoctorProviderRow), configuration: z.array(ConfigurationRow) }),
  },
  'jobs.list': { method: 'get', path: '/jobs', summary: 'List jobs, newest first, filtered by status and kind; page with nextCursor', tag: 'jobs', auth: 'token', query: JobListQuery, response: JobList },
  'jobs.counts': { method: 'get', path: '/jobs/counts', summary: 'Job counts per status and per kind', tag: 'jobs', auth: 'token', response: JobCounts },
  'jobs.kinds': {
    method: 'get', path: '/jobs/kinds', summary: 'Registered job kinds with their input/output JSON schemas', tag: 'jobs', auth: 'token',
    response: z.object({ kinds: z.array(z.object({ kind: z.string(), title: z.string(), description: z.string(), resource: z.string(), maxAttempts: z.number(), input: z.unknown(), output: z.unknown() })) }),
  },
  'jobs.get': { method: 'get', path: '/jobs/:id', summary: 'One job', tag: 'jobs', auth: 'token', params: IdParams, response: Job },
  'jobs.create': {
    method: 'post', path: '/jobs', summary: "Queue a job; the input is validated against the kind's schema", tag: 'jobs', auth: 'token',
    body: CreateJobRequest, response: Job, status: 201,
    headers: { 'Idempotency-Key': 'Same key returns the same job instead of queueing another' },
  },
  'jobs.cancel': { method: 'post', path: '/jobs/:id/cancel', summary: 'Cancel a queued or running job (reaches the worker process)', tag: 'jobs', auth: 'token', params: IdParams, response: Job },
  'jobs.retry': { method: 'post', path: '/jobs/:id/retry', summary: 'Queue a failed or cancelled job again with a fresh attempt budget', tag: 'jobs', auth: 'token', params: IdParams, response: Job },
  'media.list': { method: 'get', path: '/media', summary: 'Files in the content-addressed media store', tag: 'media', auth: 'token', query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }), response: MediaList },
  'media.file': {
    method: 'get', path: '/media/:id/file', summary: 'The bytes of one media object (Range requests supported)', tag: 'media', auth: 'token',
    params: IdParams, response: z.unknown(), produces: 'application/octet-stream',
  },
  'openapi.get': { method: 'get', path: '/openapi.json', summary: 'This document', tag: 'system', auth: 'none', response: z.record(z.string(), z.unknown()) },
  // Seed 000 §11f: the creator economy is designed in, not live. These answer 501 on purpose.
  'creator.dashboard': notImplemented('get', '/dashboard', 'Creator dashboard data (creator economy, not live)'),
  'creator.unlockStatus': notImplemented('get', '/shaders/:id/unlock-status', 'Whether the user unlocked a shader source (creator economy, not live)'),
  'creator.unlock': notImplemented('post', '/shaders/:id/unlock', 'Purchase a source unlock (creator economy, not live)'),
  'creator.commercial': notImplemented('post', '/shaders/:id/commercial', 'Purchase a commercial licence (creator economy, not live)'),
  'creator.apply': notImplemented('post', '/me/creator/apply', 'Apply for verified creator status (creator economy, not live)'),
  'creator.earnings': notImplemented('get', '/me/creator/earnings', 'Earnings history (creator economy, not live)'),
} as const satisfies Record<string, RouteSpec>;

