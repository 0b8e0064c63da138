import type { ShaderDeps } from './deps.js';
import { CommentService } from './comment-service.js';
import { DesireService } from './desire-service.js';
import { EngagementService } from './engagement-service.js';
import { FeedService } from './feed.js';
import { RenderQueue } from './render-queue.js';
import { ShaderQueries } from './shader-queries.js';
import { ShaderReader } from './shader-rows.js';
import { ShaderService } from './shader-service.js';
import { ShadertoyIO } from './shadertoy-io.js';
import { TasteService } from './taste.js';
import { VoteService } from './vote-service.js';

/** The Shaders studio's services, shared by the HTTP routes, the render hook and MCP tools. */
export interface ShaderServices {
  reader: ShaderReader;
  renders: RenderQueue;
  taste: TasteService;
  votes: VoteService;
  shaders: ShaderService;
  shadertoy: ShadertoyIO;
  queries: ShaderQueries;
  engagement: EngagementService;
  feed: FeedService;
  desires: DesireService;
  comments: CommentService;
}

export function createShaderServices(deps: ShaderDeps): ShaderServices {
  const reader = new ShaderReader(deps);
  const renders = new RenderQueue(deps);
  const taste = new TasteService(deps);
  const votes = new VoteService(deps, taste);
  const shaders = new ShaderService(deps, reader, renders, votes);
  return {
    reader,
    renders,
    taste,
    votes,
    shaders,
    shadertoy: new ShadertoyIO(deps, shaders),
    queries: new ShaderQueries(deps, reader, votes),
    engagement: new EngagementService(deps, taste),
    feed: new FeedService(deps, reader, taste, votes),
    desires: new DesireService(deps, taste, (id, actor) => shaders.publish(id, actor)),
    comments: new CommentService(deps),
  };
}

const byCore = new WeakMap<object, ShaderServices>();

/** One set of services per core (host or `auteur mcp`), made on first use. */
export function shaderServices(core: ShaderDeps): ShaderServices {
  const key = core.database;
  let s = byCore.get(key);
  if (!s) byCore.set(key, (s = createShaderServices(core)));
  return s;
}
