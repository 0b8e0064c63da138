import { z } from 'zod';
import { Ok } from '../schemas/common.js';
import { Job } from '../schemas/jobs.js';
import {
  Comment,
  CommentList,
  CreateCommentBody,
  CreateShaderBody,
  ForkShaderBody,
  ImportShaderBody,
  Shader,
  ShaderList,
  ShaderListQuery,
  TagList,
  UpdateShaderBody,
  VoteBody,
  VoteResult,
  EngagementResult,
} from '../schemas/shaders.js';
import { ShadertoyDocument } from '../shaders/shadertoy-format.js';
import { IdParams } from './core.js';
import type { RouteSpec } from './route-spec.js';

const tag = 'shaders';
const S = { tag, auth: 'token' } as const;

/**
 * Shaders studio (seed 000 §13 Shaders, Votes & Engagement): library CRUD, lineage, publish,
 * Shadertoy import/export, votes, replays, comments and the rendered media. Saving runs the
 * static checks (422 with diagnostics) and queues a shader.render job.
 */
export const SHADER_ROUTES = {
  'shaders.list': { ...S, method: 'get', path: '/shaders', summary: 'List and search shaders (FTS text, tag, type, lineage; trending/new/top/random/relevance)', query: ShaderListQuery, response: ShaderList },
  // Before /shaders/:id so "tags" and "import" are not taken for ids.
  'shaders.tags': { ...S, method: 'get', path: '/shaders/tags', summary: 'Tags of published shaders with how many use each', query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }), response: TagList },
  'shaders.import': { ...S, method: 'post', path: '/shaders/import', summary: 'Import a Shadertoy JSON export as a new draft (422 lists unsupported inputs)', body: ImportShaderBody, response: Shader, status: 201 },
  'shaders.get': { ...S, method: 'get', path: '/shaders/:id', summary: 'One shader with source, render state, style, votes and lineage', params: IdParams, response: Shader },
  'shaders.create': { ...S, method: 'post', path: '/shaders', summary: 'Save a new shader as a draft and queue its render (422 when the static checks fail)', body: CreateShaderBody, response: Shader, status: 201 },
  'shaders.update': { ...S, method: 'put', path: '/shaders/:id', summary: 'Edit a shader; new code is re-checked and re-rendered', params: IdParams, body: UpdateShaderBody, response: Shader },
  'shaders.delete': { ...S, method: 'delete', path: '/shaders/:id', summary: 'Delete a shader with its votes, engagement and comments', params: IdParams, response: Ok },
  'shaders.fork': { ...S, method: 'post', path: '/shaders/:id/fork', summary: 'Fork a shader into a new draft linked to its parent', params: IdParams, body: ForkShaderBody, response: Shader, status: 201 },
  'shaders.publish': { ...S, method: 'post', path: '/shaders/:id/publish', summary: 'Publish a shader whose latest render passed (422 with diagnostics when it does not compile)', params: IdParams, response: Shader },
  'shaders.render': {
    ...S, method: 'post', path: '/shaders/:id/render', summary: 'Render the saved source again (e.g. preview "mp4")', params: IdParams,
    body: z.object({ preview: z.enum(['webm', 'mp4']).default('webm') }).strict(), response: Job, status: 202,
  },
  'shaders.export': { ...S, method: 'get', path: '/shaders/:id/export', summary: 'The shader as a Shadertoy JSON document', params: IdParams, response: ShadertoyDocument },
  'shaders.vote': { ...S, method: 'post', path: '/shaders/:id/vote', summary: 'Upvote (1) or downvote (-1); updates the hot score and your taste', params: IdParams, body: VoteBody, response: VoteResult },
  'shaders.unvote': { ...S, method: 'delete', path: '/shaders/:id/vote', summary: 'Remove your vote', params: IdParams, response: VoteResult },
  'shaders.replay': {
    ...S, method: 'post', path: '/shaders/:id/replay', summary: 'Report a replay (taste +0.5)', params: IdParams,
    body: z.object({ sessionId: z.string().max(100).optional() }).strict(), response: EngagementResult,
  },
  'shaders.comments': { ...S, method: 'get', path: '/shaders/:id/comments', summary: 'Comments on a shader, oldest first', params: IdParams, response: CommentList },
  'shaders.comment': { ...S, method: 'post', path: '/shaders/:id/comments', summary: 'Comment on a shader (or reply with parentId)', params: IdParams, body: CreateCommentBody, response: Comment, status: 201 },
  'shaders.thumbnail': { ...S, method: 'get', path: '/shaders/:id/thumbnail.png', summary: 'Rendered thumbnail (404 until rendered)', params: IdParams, response: z.unknown(), produces: 'image/png' },
  'shaders.previewWebm': { ...S, method: 'get', path: '/shaders/:id/preview.webm', summary: 'Rendered WebM preview (Range supported; 404 until rendered)', params: IdParams, response: z.unknown(), produces: 'video/webm' },
  'shaders.previewMp4': { ...S, method: 'get', path: '/shaders/:id/preview.mp4', summary: 'Rendered MP4 preview (404 until a render with preview "mp4")', params: IdParams, response: z.unknown(), produces: 'video/mp4' },
} as const satisfies Record<string, RouteSpec>;
