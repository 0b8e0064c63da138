import type { VideoDeps } from './deps.js';
import { VideoPipeline } from './pipeline.js';
import { VideoReader } from './rows.js';
import { VideoService } from './video-service.js';
import { WikiClient } from './wiki-client.js';

/** The Video studio's services, shared by the HTTP routes, job hooks and MCP tools. */
export interface VideoServices {
  reader: VideoReader;
  pipeline: VideoPipeline;
  videos: VideoService;
  wiki: WikiClient;
}

export function createVideoServices(deps: VideoDeps): VideoServices {
  const reader = new VideoReader(deps.database.db);
  const pipeline = new VideoPipeline(deps, reader);
  return { reader, pipeline, videos: new VideoService(deps, reader, pipeline), wiki: new WikiClient(deps) };
}

const byCore = new WeakMap<object, VideoServices>();

/** One set of services per core (host or `auteur mcp`), made on first use. */
export function videoServices(core: VideoDeps): VideoServices {
  let s = byCore.get(core.database);
  if (!s) byCore.set(core.database, (s = createVideoServices(core)));
  return s;
}
