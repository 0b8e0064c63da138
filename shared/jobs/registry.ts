import type { JobKindSpec } from './define.js';
import { communityPublish } from './community-publish.js';
import { imageGenerate } from './image-generate.js';
import { mediaCompose } from './media-compose.js';
import { providerOllamaPull } from './provider-ollama-pull.js';
import { shaderGenerate } from './shader-generate.js';
import { shaderRender } from './shader-render.js';
import { shotsAnimatic } from './shots-animatic.js';
import { shotsBreakdown } from './shots-breakdown.js';
import { shotsCaption } from './shots-caption.js';
import { shotsPayload } from './shots-payload.js';
import { shotsVeoSubmit } from './shots-veo-submit.js';
import { systemDiagnose } from './system-diagnose.js';
import { ttsSynthesize } from './tts-synthesize.js';
import { videoAddLanguage } from './video-add-language.js';
import { videoEntities } from './video-entities.js';
import { videoNormalize } from './video-normalize.js';
import { videoRender } from './video-render.js';
import { videoScript } from './video-script.js';
import { videoTranslate } from './video-translate.js';
import { worldGenerate } from './world-generate.js';
import { worldSnapshot } from './world-snapshot.js';

/** Every job kind the studio knows. Add a kind here and a handler in worker/tasks/. */
export const JOB_KINDS = [systemDiagnose, imageGenerate, providerOllamaPull, shaderRender, shaderGenerate, ttsSynthesize, mediaCompose, shotsBreakdown, shotsPayload, shotsAnimatic, shotsCaption, shotsVeoSubmit, videoScript, videoTranslate, videoEntities, videoRender, videoAddLanguage, videoNormalize, worldGenerate, worldSnapshot, communityPublish] as const satisfies readonly JobKindSpec[];

export type JobKindName = (typeof JOB_KINDS)[number]['kind'];

const byKind = new Map<string, JobKindSpec>(JOB_KINDS.map((k) => [k.kind, k]));
export function jobKindSpec(kind: string): JobKindSpec | undefined {
  return byKind.get(kind);
}
export function jobKindNames(): string[] {
  return [...byKind.keys()];
}
