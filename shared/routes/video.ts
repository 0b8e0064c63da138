import { z } from 'zod';
import { Id } from '../schemas/common.js';
import {
  AddVideoLanguageBody,
  CreateVideoBody,
  PublishVideoBody,
  RenderVideoBody,
  UpdateVideoBody,
  UpdateVideoSceneBody,
  Video,
  VideoDeleted,
  VideoList,
  VideoListQuery,
  VideoWithJob,
  WikiQuery,
  WikiSummary,
} from '../schemas/video.js';
import { SceneId, VideoScript } from '../video/script.js';
import { IdParams } from './core.js';
import type { RouteSpec } from './route-spec.js';

const V = { tag: 'video', auth: 'token' } as const;
const SceneParams = z.object({ id: Id, sceneId: SceneId });

/**
 * Video studio (seed 002): prompt → script → preview → final MP4 + HLS + captions, the library,
 * dubs and wiki facts. Each pipeline action answers 202 with the video and the job it queued;
 * follow the job over the events WebSocket or GET /videos/:id (status, progress, error).
 */
export const VIDEO_ROUTES = {
  'videos.create': {
    ...V, method: 'post', path: '/videos',
    summary: 'Generate a video from a prompt (seed payload: prompt, title, style, voice, language, duration_target, produce_preview): queues the script job; the pipeline then renders the preview and the final',
    body: CreateVideoBody, response: VideoWithJob, status: 202,
  },
  'videos.list': { ...V, method: 'get', path: '/videos', summary: 'The video library (finished items; scope=all adds those in progress or failed), searched, sorted and paged', query: VideoListQuery, response: VideoList },
  'videos.get': { ...V, method: 'get', path: '/videos/:id', summary: 'One video: status, progress, stage error, script, renditions, HLS, captions, chapters, provenance, entities', params: IdParams, response: Video },
  'videos.update': { ...V, method: 'patch', path: '/videos/:id', summary: 'Edit the title or description, publish/unpublish, or toggle Add to LiveLoop', params: IdParams, body: UpdateVideoBody, response: Video },
  'videos.delete': { ...V, method: 'delete', path: '/videos/:id', summary: 'Delete a video and its media files (files another item shares are kept); cancels its running job', params: IdParams, response: VideoDeleted },
  'videos.script.put': { ...V, method: 'put', path: '/videos/:id/script', summary: 'Replace the whole script (scenes, lines, durations, order); re-render to apply', params: IdParams, body: VideoScript, response: Video },
  'videos.scenes.update': { ...V, method: 'patch', path: '/videos/:id/scenes/:sceneId', summary: 'Edit one scene (text, camera, duration, actions, dialog, order); re-render to apply (other scenes come from the cache)', params: SceneParams, body: UpdateVideoSceneBody, response: Video },
  'videos.render': {
    ...V, method: 'post', path: '/videos/:id/render',
    summary: 'Render again: from=auto resumes at the failed stage (or re-renders preview then final after edits); finished scenes come from the cache',
    params: IdParams, body: RenderVideoBody, response: VideoWithJob, status: 202,
  },
  'videos.languages.add': {
    ...V, method: 'post', path: '/videos/:id/languages',
    summary: 'Add a language: the LLM translates the script, TTS speaks it, and an audio + caption track join the HLS master (409 without an LLM or a final render)',
    params: IdParams, body: AddVideoLanguageBody, response: VideoWithJob, status: 202,
  },
  'videos.publish': { ...V, method: 'post', path: '/videos/:id/publish', summary: 'Publish (or with published=false make private) a finished video', params: IdParams, body: PublishVideoBody, response: Video },
  'videos.export': { ...V, method: 'get', path: '/videos/:id/export.mp4', summary: 'Download the final MP4 (409 until it exists)', params: IdParams, response: z.unknown(), produces: 'video/mp4' },
  'video.wiki': { ...V, method: 'get', path: '/video/wiki', summary: 'A compact Wikipedia summary of an entity (REST /page/summary), cached; offline it says summaries need the network', query: WikiQuery, response: WikiSummary },
} as const satisfies Record<string, RouteSpec>;
