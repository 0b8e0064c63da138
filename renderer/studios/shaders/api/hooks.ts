import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Desire, DesireDetail } from '../../../../shared/schemas/desires.js';
import type { RouteBody, RouteQuery } from '../../../../shared/routes.js';
import { CompileFailure, type Shader } from '../../../../shared/schemas/shaders.js';
import type { Job } from '../../../../shared/schemas/jobs.js';
import { ShaderGenerateOutput, type ShaderGenerateInputRaw } from '../../../../shared/jobs/shader-generate.js';
import type { CompileDiagnostic } from '../../../../shared/shaders/source.js';
import { useRouter } from '../../../app/router.js';
import { api } from '../../../api/client.js';
import { ApiRequestError } from '../../../api/errors.js';
import { useEventsStore } from '../../../api/eventsStore.js';
import { queryKeys } from '../../../api/keys.js';
import { upsertJob } from '../../../jobs/cache.js';
import { newIdempotencyKey } from '../../../jobs/idempotency.js';
import type { Draft } from '../editor/draft.js';
import { studioPaths } from '../nav.js';
import { findShader, patchShader } from './cache.js';
import { shaderKeys } from './keys.js';

export type FeedMode = 'personal' | 'trending' | 'new';
export type ExploreSort = 'trending' | 'new' | 'top';
export type DesireFilter = 'active' | 'fulfilled' | 'expired' | 'all';

const FEED_PAGE = 10;

/* ---------- feed ---------- */

export function useFeed(mode: FeedMode) {
  return useInfiniteQuery({
    queryKey: shaderKeys.feed(mode),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => {
      const query = { cursor: pageParam, limit: FEED_PAGE };
      if (mode === 'trending') return api.call('feed.trending', { query, signal });
      if (mode === 'new') return api.call('feed.new', { query, signal });
      return api.call('feed.personal', { query, signal });
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A feed page is a ranking snapshot: refetching would reshuffle cards under the user.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    // While nothing is rendered yet (first launch), look again every few seconds.
    refetchInterval: (q) => (q.state.data && q.state.data.pages[0]?.items.length === 0 ? 5000 : false),
  });
}

/** Fire-and-forget: a dwell report must survive the card (and the page) going away. */
export function reportDwell(shaderId: string, seconds: number): void {
  api.call('feed.dwell', { body: { shaderId, seconds } }).catch((err: unknown) => console.warn('[feed] dwell not recorded', err));
}

/* ---------- shaders ---------- */

export function useShader(id: string | null) {
  return useQuery({
    queryKey: shaderKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.call('shaders.get', { params: { id: id! }, signal }),
    enabled: !!id,
  });
}

export type ListQuery = Omit<NonNullable<RouteQuery<'shaders.list'>>, 'cursor' | 'limit'>;

export function useShaderList(query: ListQuery, enabled = true) {
  return useInfiniteQuery({
    queryKey: shaderKeys.list(query),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => api.call('shaders.list', { query: { ...query, cursor: pageParam, limit: 24 }, signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // While a new search or filter loads, the grid keeps showing the last results instead of a spinner.
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTags() {
  return useQuery({ queryKey: shaderKeys.tags, queryFn: ({ signal }) => api.call('shaders.tags', { signal }), staleTime: 60_000 });
}

/** value 0 removes my vote. Optimistic: every cached copy of the shader updates at once. */
export function useVote() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, value }: { id: string; value: 1 | -1 | 0 }) =>
      value === 0 ? api.call('shaders.unvote', { params: { id } }) : api.call('shaders.vote', { params: { id }, body: { value } }),
    onMutate: ({ id, value }) => {
      const before = findShader(qc, id);
      if (!before) return { before };
      const v = { ...before.votes };
      if (v.mine === 1) v.up--;
      if (v.mine === -1) v.down--;
      if (value === 1) v.up++;
      if (value === -1) v.down++;
      patchShader(qc, id, { votes: { ...v, mine: value } });
      return { before };
    },
    onError: (_err, { id }, ctx) => {
      if (ctx?.before) patchShader(qc, id, { votes: ctx.before.votes });
    },
    onSuccess: (res) => patchShader(qc, res.shaderId, { votes: res.votes }),
  });
}

export function useReplay(id: string) {
  return useMutation({ mutationFn: () => api.call('shaders.replay', { params: { id }, body: {} }) });
}

/** Forks on the host (a draft copy you own) and opens it in the editor. */
export function useForkAndEdit() {
  const qc = useQueryClient();
  const navigate = useRouter((s) => s.navigate);
  return useMutation({
    mutationFn: ({ id }: { id: string }) => api.call('shaders.fork', { params: { id }, body: {} }),
    onSuccess: (shader) => {
      qc.setQueryData(shaderKeys.detail(shader.id), shader);
      void qc.invalidateQueries({ queryKey: shaderKeys.lists });
      navigate(studioPaths.edit(shader.id));
    },
  });
}

export function useSaveShader() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, draft, fulfillsDesireId }: { id: string | null; draft: Draft; fulfillsDesireId: string | null }): Promise<Shader> => {
      const fields = { title: draft.title.trim(), description: draft.description.trim() || null, tags: draft.tags, source: draft.source };
      if (id) return api.call('shaders.update', { params: { id }, body: fields });
      return api.call('shaders.create', { body: { ...fields, ...(fulfillsDesireId ? { fulfillsDesireId } : {}) } });
    },
    onSuccess: (shader) => {
      qc.setQueryData(shaderKeys.detail(shader.id), shader);
      void qc.invalidateQueries({ queryKey: shaderKeys.lists });
    },
  });
}

export function usePublishShader() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call('shaders.publish', { params: { id } }),
    onSuccess: (shader) => {
      qc.setQueryData(shaderKeys.detail(shader.id), shader);
      void qc.invalidateQueries({ queryKey: shaderKeys.lists });
      void qc.invalidateQueries({ queryKey: ['shaders', 'feed'] });
    },
  });
}

/** The diagnostics of a save/publish the host refused because the code does not compile. */
export function compileDiagnosticsOf(err: unknown): CompileDiagnostic[] | null {
  if (!(err instanceof ApiRequestError) || err.code !== 'compile_failed') return null;
  const parsed = CompileFailure.shape.error.shape.details.safeParse(err.details);
  return parsed.success ? parsed.data.diagnostics : null;
}

/** The render job of the stored version; live through job.updated events, refetches the shader when it ends. */
export function useRenderJob(jobId: string | null) {
  const live = useEventsStore((s) => s.state === 'open');
  return useQuery({
    queryKey: queryKeys.jobs.detail(jobId ?? ''),
    queryFn: ({ signal }) => api.call('jobs.get', { params: { id: jobId! }, signal }),
    enabled: !!jobId,
    refetchInterval: (q) => (!live && q.state.data && (q.state.data.status === 'queued' || q.state.data.status === 'running') ? 2000 : false),
  });
}

/* ---------- comments ---------- */

export function useComments(id: string) {
  return useQuery({ queryKey: shaderKeys.comments(id), queryFn: ({ signal }) => api.call('shaders.comments', { params: { id }, signal }) });
}

export function useAddComment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.call('shaders.comment', { params: { id }, body: { body } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: shaderKeys.comments(id) });
      void qc.invalidateQueries({ queryKey: shaderKeys.detail(id) });
    },
  });
}

/* ---------- desires ---------- */

export function useDesires(filter: DesireFilter) {
  return useInfiniteQuery({
    queryKey: shaderKeys.desires.list({ filter }),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => api.call('desires.list', { query: { status: filter, sort: 'heat', limit: 30, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

const SETTLED: Desire['status'][] = ['fulfilled', 'expired'];

/** One desire; `watch` keeps polling until it settles (fulfilled or expired). */
export function useDesire(id: string | null, opts: { watch?: boolean } = {}) {
  return useQuery({
    queryKey: shaderKeys.desires.detail(id ?? ''),
    queryFn: ({ signal }) => api.call('desires.get', { params: { id: id! }, signal }),
    enabled: !!id,
    refetchInterval: (q) => (opts.watch && q.state.data && !SETTLED.includes(q.state.data.status) ? 5000 : false),
  });
}

export function useCreateDesire() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'desires.create'>) => api.call('desires.create', { body }),
    onSuccess: (d: DesireDetail) => {
      qc.setQueryData(shaderKeys.desires.detail(d.id), d);
      void qc.invalidateQueries({ queryKey: shaderKeys.desires.all });
    },
  });
}

export function useFulfilDesire() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ desireId, shaderId }: { desireId: string; shaderId: string }) => api.call('desires.fulfill', { params: { id: desireId }, body: { shaderId } }),
    onSuccess: (d: DesireDetail) => {
      qc.setQueryData(shaderKeys.desires.detail(d.id), d);
      void qc.invalidateQueries({ queryKey: shaderKeys.desires.all });
    },
  });
}

/* ---------- generation ---------- */

/** A generate job's output, once it finished with one (succeeded, or completed with problems), parsed against the contract. */
export function generatedOutput(job: Job | undefined): ShaderGenerateOutput | null {
  if (!job || (job.status !== 'succeeded' && job.status !== 'completed_with_problems')) return null;
  const parsed = ShaderGenerateOutput.safeParse(job.result);
  return parsed.success ? parsed.data : null;
}

/** The editor's prefill from a finished generate job (when it has no stored draft to open). */
export function useGeneratedShader(jobId: string | null) {
  return useQuery({
    queryKey: ['shaders', 'generated', jobId ?? ''],
    queryFn: async ({ signal }): Promise<Partial<Draft>> => {
      const job = await api.call('generate.status', { params: { job_id: jobId! }, signal });
      const out = generatedOutput(job);
      if (!out) throw new Error(job.status === 'succeeded' || job.status === 'completed_with_problems' ? 'The generation result does not match the contract' : `The generation job is ${job.status}`);
      return { title: out.title, description: out.description, tags: out.tags, source: out.source };
    },
    enabled: !!jobId,
  });
}

export function useStartGenerate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ShaderGenerateInputRaw) => api.call('generate.create', { body, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
    onSuccess: (job) => {
      qc.setQueryData(queryKeys.jobs.detail(job.id), job);
      upsertJob(qc, job);
      // Events for this job may have arrived before this response (and were not cached yet): catch up once.
      void qc.invalidateQueries({ queryKey: queryKeys.jobs.detail(job.id) });
      if (job.input && typeof job.input === 'object' && 'desireId' in job.input) void qc.invalidateQueries({ queryKey: shaderKeys.desires.all });
    },
  });
}

/** A job followed live: job.updated events patch this cache entry; polls only while events are down. */
export function useLiveJob(jobId: string | null) {
  return useRenderJob(jobId);
}

export function useProviders() {
  return useQuery({ queryKey: ['providers', 'list'], queryFn: ({ signal }) => api.call('providers.list', { query: {}, signal }), staleTime: 30_000, retry: false });
}
