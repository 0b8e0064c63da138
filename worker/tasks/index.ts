import type { JobKindName } from '../../shared/jobs/registry.js';
import type { TaskHandler } from '../task-context.js';
import { imageGenerateTask } from './image-generate.js';
import { mediaComposeTask } from './media-compose.js';
import { providerOllamaPullTask } from './provider-ollama-pull.js';
import { shaderGenerateTask } from './shader-generate.js';
import { shaderRenderTask } from './shader-render.js';
import { shotsAnimaticTask } from './shots-animatic.js';
import { shotsBreakdownTask } from './shots-breakdown.js';
import { shotsCaptionTask } from './shots-caption.js';
import { shotsPayloadTask } from './shots-payload.js';
import { shotsVeoSubmitTask } from './shots-veo-submit.js';
import { systemDiagnoseTask } from './system-diagnose.js';
import { ttsSynthesizeTask } from './tts-synthesize.js';
import { videoAddLanguageTask } from './video-add-language.js';
import { videoEntitiesTask } from './video-entities.js';
import { videoNormalizeTask } from './video-normalize.js';
import { videoRenderTask } from './video-render.js';
import { videoScriptTask } from './video-script.js';
import { videoTranslateTask } from './video-translate.js';
import { worldGenerateTask } from './world-generate.js';
import { worldSnapshotTask } from './world-snapshot.js';
import { communityPublishTask } from './community-publish.js';

/** One handler per job kind in shared/jobs/registry.ts; the type makes a missing one a compile error. */
export const TASKS: Record<JobKindName, TaskHandler<never, unknown>> = {
  'system.diagnose': systemDiagnoseTask,
  'image.generate': imageGenerateTask,
  'provider.ollama.pull': providerOllamaPullTask,
  'shader.render': shaderRenderTask,
  'shader.generate': shaderGenerateTask,
  'tts.synthesize': ttsSynthesizeTask,
  'media.compose': mediaComposeTask,
  'shots.breakdown': shotsBreakdownTask,
  'shots.payload': shotsPayloadTask,
  'shots.animatic': shotsAnimaticTask,
  'shots.caption': shotsCaptionTask,
  'shots.veo_submit': shotsVeoSubmitTask,
  'video.script': videoScriptTask,
  'video.translate': videoTranslateTask,
  'video.entities': videoEntitiesTask,
  'video.render': videoRenderTask,
  'video.add_language': videoAddLanguageTask,
  'video.normalize': videoNormalizeTask,
  'world.generate': worldGenerateTask,
  'world.snapshot': worldSnapshotTask,
  'community.publish': communityPublishTask,
};
