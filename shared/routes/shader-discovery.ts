import { z } from 'zod';
import { Id } from '../schemas/common.js';
import { CreateDesireBody, DesireDetail, DesireList, DesireListQuery, FulfillDesireBody, ReviewCandidateBody } from '../schemas/desires.js';
import { Job } from '../schemas/jobs.js';
import { DwellBody, EngagementResult, FeedPage, FeedQuery, ShaderSummary } from '../schemas/shaders.js';
import { ShaderRenderInput } from '../shaders/render-contract.js';
import { IdParams } from './core.js';
import type { RouteSpec } from './route-spec.js';

const S = { auth: 'token' } as const;

/** Body of POST /generate: the shader.generate job's input (validated against that kind), plus an optional desire it answers. */
export const GenerateBody = z.looseObject({
  prompt: z.string().min(1).max(2000).optional(),
  desireId: Id.optional(),
});

/** What a generation job's LLM wrote so far, per channel ("attempt-1" …), for a view that joins late or missed chunks. */
export const GenerationStream = z.object({
  jobId: Id,
  channels: z.array(z.object({ channel: z.string(), text: z.string(), truncated: z.boolean() })),
});
export type GenerationStream = z.infer<typeof GenerationStream>;

/** Seed 000 §13 Feed, Desires, AI Generation, plus ad-hoc renders. */
export const SHADER_DISCOVERY_ROUTES = {
  'feed.personal': {
    ...S, tag: 'feed', method: 'get', path: '/feed', query: FeedQuery, response: FeedPage,
    summary: 'Personalised feed: similarity × 0.6 + hot × 0.3 + exploration × 0.1, excluding what you saw in 30 days; each card says why',
  },
  'feed.trending': { ...S, tag: 'feed', method: 'get', path: '/feed/trending', summary: 'Trending: Wilson lower bound × time decay', query: FeedQuery, response: FeedPage },
  'feed.new': { ...S, tag: 'feed', method: 'get', path: '/feed/new', summary: 'Newest published shaders', query: FeedQuery, response: FeedPage },
  'feed.dwell': {
    ...S, tag: 'feed', method: 'post', path: '/feed/dwell', body: DwellBody, response: EngagementResult,
    summary: 'Report how long a shader was watched: < 1 s ignored, < 2 s a skip, > 10 s / > 30 s positive',
  },
  'desires.list': { ...S, tag: 'desires', method: 'get', path: '/desires', summary: 'The desire queue, hottest first (expired ones are swept)', query: DesireListQuery, response: DesireList },
  'desires.create': {
    ...S, tag: 'desires', method: 'post', path: '/desires', body: CreateDesireBody, response: DesireDetail, status: 201,
    summary: 'Post a desire: embedded, clustered with similar ones (cosine > 0.82) and heated; process_desire then generates it at once (heat ≤ 1, fewer than 3 interactive GPU jobs queued, autoFulfil) or lists it on the board — see fulfilment',
  },
  'desires.get': { ...S, tag: 'desires', method: 'get', path: '/desires/:id', summary: 'A desire with its cluster', params: IdParams, response: DesireDetail },
  'desires.fulfill': {
    ...S, tag: 'desires', method: 'post', path: '/desires/:id/fulfill', params: IdParams, body: FulfillDesireBody, response: DesireDetail,
    summary: 'Fulfil a desire with a shader whose render passed',
  },
  'desires.review': {
    ...S, tag: 'desires', method: 'post', path: '/desires/:id/candidate', params: IdParams, body: ReviewCandidateBody, response: DesireDetail,
    summary: "The poster's verdict on the generated candidate: accept publishes it and fulfils the desire; reject reopens the desire (retry: generate another now)",
  },
  'shaders.similar': {
    ...S, tag: 'shaders', method: 'get', path: '/shaders/:id/similar', params: IdParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(12) }),
    response: z.object({ items: z.array(ShaderSummary.extend({ similarity: z.number().min(0).max(1) })) }),
    summary: 'More like this: published shaders nearest to this one by style vector (cosine), nearest first',
  },
  'render.create': { ...S, tag: 'shaders', method: 'post', path: '/render', summary: 'Queue an ad-hoc shader.render job', body: ShaderRenderInput, response: Job, status: 201 },
  'generate.create': {
    ...S, tag: 'generate', method: 'post', path: '/generate', body: GenerateBody, response: Job, status: 201,
    summary: 'Start a shader.generate job (503 when this build has no generator); a desireId marks that desire in progress',
  },
  'generate.status': {
    ...S, tag: 'generate', method: 'get', path: '/generate/status/:job_id', summary: 'A shader.generate job', params: z.object({ job_id: Id }), response: Job,
  },
  'generate.stream': {
    ...S, tag: 'generate', method: 'get', path: '/generate/stream/:job_id', params: z.object({ job_id: Id }), response: GenerationStream,
    summary: "The LLM text a generation streamed so far (live chunks come as job.stream events); empty for the procedural composer, which writes no tokens, and after a host restart",
  },
} as const satisfies Record<string, RouteSpec>;
